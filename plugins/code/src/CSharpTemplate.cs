using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Code;

/// <summary>A .NET console project under <c>src/</c> and a test project under <c>tests/</c>.</summary>
internal sealed class CSharpTemplate : LanguageTemplate
{
    public override IReadOnlyList<string> TestFrameworks { get; } = ["xunit", "nunit", "mstest"];

    public override string PackageName(string project) => Naming.PascalCase(project, "App");

    public override string ModuleName(FeatureSpec feature) => feature.TypeName;

    public override string ModuleFile(string package, FeatureSpec feature) => $"src/{package}/{feature.TypeName}.cs";

    public override IReadOnlyList<string> PublicMembers(FeatureSpec feature) =>
        [$"{feature.TypeName}.Summary", $"{feature.TypeName}.Describe()", $"{feature.TypeName}.Apply(string value)"];

    public override string TestCommand(string package, string framework) => $"dotnet test tests/{package}.Tests";

    public override string RunCommand(string package) => $"dotnet run --project src/{package} -- hello";

    public override IReadOnlyList<(string Path, string Content)> Sources(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
    [
        ($"src/{package}/{package}.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>

            """),
        ($"src/{package}/Program.cs", $$"""
            using {{package}};

            var value = args.Length > 0 ? args[0] : "example";
            {{string.Join("\n", features.Select(f => $"Console.WriteLine($\"{{{f.TypeName}.Describe()}}: {{{f.TypeName}.Apply(value)}}\");"))}}

            """),
        .. features.Select(f => ($"src/{package}/{f.TypeName}.cs", $$"""
            namespace {{package}};

            /// <summary>{{System.Security.SecurityElement.Escape(f.Summary)}}</summary>
            public static class {{f.TypeName}}
            {
                /// <summary>What this feature does.</summary>
                public const string Summary = {{Quote(f.Summary)}};

                /// <summary>Describes the feature.</summary>
                public static string Describe() => Summary;

                /// <summary>Applies the feature to a value.</summary>
                public static string Apply(string value)
                {
                    ArgumentException.ThrowIfNullOrEmpty(value);
                    return $"{{f.Identifier}}({value})";
                }
            }

            """)),
    ];

    public override IReadOnlyList<(string Path, string Content)> Tests(string package, IReadOnlyList<FeatureSpec> features, string framework)
    {
        var (package_, adapter, attribute, usings, equal, throws) = framework switch
        {
            "nunit" => ("NUnit", "NUnit3TestAdapter", "[Test]", "using NUnit.Framework;", "Assert.That({1}, Is.EqualTo({0}));", "Assert.Throws<ArgumentException>(() => {0});"),
            "mstest" => ("MSTest", "MSTest.TestAdapter", "[TestMethod]", "using Microsoft.VisualStudio.TestTools.UnitTesting;", "Assert.AreEqual({0}, {1});", "Assert.ThrowsExactly<ArgumentException>(() => {0});"),
            _ => ("xunit.v3", "xunit.runner.visualstudio", "[Fact]", "using Xunit;", "Assert.Equal({0}, {1});", "Assert.Throws<ArgumentException>(() => {0});"),
        };
        var classAttribute = framework == "mstest" ? "[TestClass]\n" : string.Empty;
        return
        [
            ($"tests/{package}.Tests/{package}.Tests.csproj", $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.*" />
                    <PackageReference Include="{{package_}}" Version="*" />
                    <PackageReference Include="{{adapter}}" Version="*" />
                  </ItemGroup>
                  <ItemGroup>
                    <ProjectReference Include="../../src/{{package}}/{{package}}.csproj" />
                  </ItemGroup>
                </Project>

                """),
            .. features.Select(f => ($"tests/{package}.Tests/{f.TypeName}Tests.cs", $$"""
                {{usings}}

                namespace {{package}}.Tests;

                {{classAttribute}}public sealed class {{f.TypeName}}Tests
                {
                    {{attribute}}
                    public void Describe_ReturnsSummary() => {{string.Format(System.Globalization.CultureInfo.InvariantCulture, equal, Quote(f.Summary), $"{f.TypeName}.Describe()")}}

                    {{attribute}}
                    public void Apply_Value_WrapsItInTheFeatureName() => {{string.Format(System.Globalization.CultureInfo.InvariantCulture, equal, Quote($"{f.Identifier}(x)"), $"{f.TypeName}.Apply(\"x\")")}}

                    {{attribute}}
                    public void Apply_EmptyValue_Throws() => {{string.Format(System.Globalization.CultureInfo.InvariantCulture, throws, $"{f.TypeName}.Apply(\"\")")}}
                }

                """)),
        ];
    }
}
