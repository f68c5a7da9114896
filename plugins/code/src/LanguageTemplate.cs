using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Plugins.Code;

/// <summary>
/// What the code phases need to know about one target language: names, file layout, source and test text.
/// Every generated feature module offers <c>describe</c> (its summary) and <c>apply</c> (wraps a non-empty
/// value in the module name, refusing an empty one), so generated tests have real behaviour to check.
/// </summary>
internal abstract class LanguageTemplate
{
    private static readonly JsonSerializerOptions Literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string> Languages { get; } = ["csharp", "go", "python", "typescript"];

    public abstract IReadOnlyList<string> TestFrameworks { get; }

    public abstract string PackageName(string project);

    public abstract string ModuleName(FeatureSpec feature);

    /// <summary>The source file holding a feature's module.</summary>
    public abstract string ModuleFile(string package, FeatureSpec feature);

    public abstract IReadOnlyList<string> PublicMembers(FeatureSpec feature);

    public abstract string TestCommand(string package, string framework);

    public abstract string RunCommand(string package);

    /// <summary>Build files and sources, by relative path; build files may depend on the test framework.</summary>
    public abstract IReadOnlyList<(string Path, string Content)> Sources(string package, IReadOnlyList<FeatureSpec> features, string framework);

    /// <summary>Test files, by relative path; one test for each public member plus a failure case per module.</summary>
    public abstract IReadOnlyList<(string Path, string Content)> Tests(string package, IReadOnlyList<FeatureSpec> features, string framework);

    public static LanguageTemplate For(string language) => language switch
    {
        "csharp" => new CSharpTemplate(),
        "go" => new GoTemplate(),
        "python" => new PythonTemplate(),
        "typescript" => new TypeScriptTemplate(),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };

    /// <summary>A double-quoted string literal valid in C#, Go, Python and TypeScript.</summary>
    protected static string Quote(string text) => JsonSerializer.Serialize(text, Literal);
}
