using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.BuiltInPlugins.Tests;

public sealed class CodePluginTests : IDisposable
{
    /// <summary>How long a generated project's build, tests or patch may take before the process tree is killed.</summary>
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(90);

    private static readonly object Input = new
    {
        project = "Weather Report",
        request = "A small command line tool for forecasts.",
        features = new[] { "parse forecasts", "convert units" },
    };

    // Quotes, a backslash and non-ASCII text must survive into every language's string literals and comments.
    private static readonly object TrickyInput = new
    {
        project = "Weather Report",
        features = new[] { "parse forecasts", "say \"hi\" \\ politely — über" },
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_CSharpByDefault_WritesProjectTestsDocsAndPatch()
    {
        var run = new BuiltInRun("code", _temp.Path);

        await run.RunAsync(Input);

        foreach (var file in new[]
        {
            "design.md", "src/WeatherReport/WeatherReport.csproj", "src/WeatherReport/Program.cs", "src/WeatherReport/ParseForecasts.cs",
            "src/WeatherReport/ConvertUnits.cs", "tests/WeatherReport.Tests/WeatherReport.Tests.csproj", "tests/WeatherReport.Tests/ConvertUnitsTests.cs",
            "docs/api.md", "README.md", "lint-report.md", "change.patch", "summary.md",
        })
        {
            File.Exists(Path.Combine(_temp.Path, file)).ShouldBeTrue(file);
        }

        run.Read("src/WeatherReport/ParseForecasts.cs").ShouldContain("public const string Summary = \"Parse forecasts.\";");
        run.Read("tests/WeatherReport.Tests/ParseForecastsTests.cs").ShouldContain("[Fact]");
        var package = run.Results["package"].Output;
        package.GetProperty("patch").GetString().ShouldBe("change.patch");
        package.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ShouldContain("src/WeatherReport/ConvertUnits.cs");
        run.Results["lint"].Output.GetProperty("findings").GetArrayLength().ShouldBe(0);
        run.Shared.Metadata["code.language"].GetString().ShouldBe("csharp");
    }

    [Fact]
    public async Task RunAsync_Python_GeneratesPackageWhoseOwnTestsPass()
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("language", "python");

        await run.RunAsync(TrickyInput);

        var (exitCode, output) = await ChildProcess.RunAsync("python3", ["-m", "unittest", "discover", "-s", "tests"], ProcessDeadline, workingDirectory: _temp.Path);
        exitCode.ShouldBe(0, output);
        output.ShouldContain("Ran 6 tests");
        var (runExit, runOutput) = await ChildProcess.RunAsync("python3", ["-m", "weather_report", "hello"], ProcessDeadline, new Dictionary<string, string> { ["PYTHONPATH"] = "src" }, _temp.Path);
        runExit.ShouldBe(0, runOutput);
        runOutput.ShouldContain("Parse forecasts.: parse_forecasts(hello)");
        runOutput.ShouldContain("Say \"hi\" \\ politely — über.: say_hi_politely_ber(hello)");
    }

    [Fact]
    public async Task RunAsync_CSharp_GeneratesConsoleProjectThatBuildsAndRuns()
    {
        var run = new BuiltInRun("code", _temp.Path);
        await run.RunAsync(TrickyInput);

        var (buildExit, buildOutput) = await ChildProcess.RunAsync(
            "dotnet", ["build", "src/WeatherReport", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:TreatWarningsAsErrors=true"], ProcessDeadline, workingDirectory: _temp.Path);
        buildExit.ShouldBe(0, buildOutput);
        var (runExit, runOutput) = await ChildProcess.RunAsync("dotnet", ["src/WeatherReport/bin/Release/net10.0/WeatherReport.dll", "hello"], ProcessDeadline, workingDirectory: _temp.Path);

        runExit.ShouldBe(0, runOutput);
        runOutput.ShouldContain("Parse forecasts.: parse_forecasts(hello)");
        runOutput.ShouldContain("Say \"hi\" \\ politely — über.: say_hi_politely_ber(hello)");
    }

    [Fact]
    public async Task Package_Patch_RecreatesEveryGeneratedFileWithGitApply()
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("language", "typescript");
        await run.RunAsync(Input);
        using var target = new TempDirectory();
        File.Copy(Path.Combine(_temp.Path, "change.patch"), Path.Combine(target.Path, "change.patch"));

        var (exitCode, output) = await ChildProcess.RunAsync("git", ["apply", "change.patch"], ProcessDeadline, workingDirectory: target.Path);

        exitCode.ShouldBe(0, output);
        var files = run.Results["package"].Output.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        files.ShouldContain("src/parseForecasts.ts");
        foreach (var file in files)
        {
            File.ReadAllText(Path.Combine(target.Path, file)).ShouldBe(run.Read(file), file);
        }
    }

    [Theory]
    [InlineData("go", "go.mod", "tests/convertunits_test.go")]
    [InlineData("typescript", "package.json", "tests/convertUnits.test.ts")]
    [InlineData("python", "pyproject.toml", "tests/test_convert_units.py")]
    public async Task RunAsync_EachLanguage_WritesItsBuildFileAndTestsWithoutLintFindings(string language, string buildFile, string testFile)
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("language", language);

        await run.RunAsync(Input);

        File.Exists(Path.Combine(_temp.Path, buildFile)).ShouldBeTrue();
        File.Exists(Path.Combine(_temp.Path, testFile)).ShouldBeTrue();
        run.Results["lint"].Output.GetProperty("findings").GetArrayLength().ShouldBe(0, run.Read("lint-report.md"));
        run.Read("README.md").ShouldContain(run.Results["design"].Output.GetProperty("test_command").GetString()!);
    }

    [Theory]
    [InlineData("typescript", "vitest", "tests/parseForecasts.test.ts", "import { test, expect } from \"vitest\";", "npm test")]
    [InlineData("typescript", "node", "tests/parseForecasts.test.ts", "import { test } from \"node:test\";", "npm test")]
    [InlineData("python", "pytest", "tests/test_parse_forecasts.py", "import pytest", "python3 -m pytest tests")]
    [InlineData("csharp", "nunit", "tests/WeatherReport.Tests/ParseForecastsTests.cs", "[Test]", "dotnet test tests/WeatherReport.Tests")]
    [InlineData("csharp", "mstest", "tests/WeatherReport.Tests/ParseForecastsTests.cs", "[TestMethod]", "dotnet test tests/WeatherReport.Tests")]
    public async Task RunAsync_TestFramework_ShapesTestsAndTestCommand(string language, string framework, string testFile, string expected, string command)
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("language", language).WithConfig("test_framework", framework);

        await run.RunAsync(Input);

        run.Read(testFile).ShouldContain(expected);
        run.Read("README.md").ShouldContain(command);
        run.Read("summary.md").ShouldContain($"> Write {framework} tests for every public member");
        if (language == "typescript")
        {
            using var package = JsonDocument.Parse(run.Read("package.json"));
            package.RootElement.GetProperty("scripts").GetProperty("test").GetString()!.ShouldContain(framework == "vitest" ? "vitest run" : "tsx --test");
        }
    }

    [Fact]
    public async Task RunAsync_LaterPhases_ReflectTheDesignAndPrompts()
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("max_files", 12);

        await run.RunAsync(Input);

        run.Read("design.md").ShouldContain("> Design the change for the analysed requirements: modules, public interfaces,\n> data flow and error handling. Keep it within 12 files.");
        var api = run.Read("docs/api.md");
        foreach (var module in run.Results["design"].Output.GetProperty("modules").EnumerateArray())
        {
            module.GetProperty("public_members").EnumerateArray().ShouldAllBe(member => api.Contains(member.GetString()!));
        }

        run.Read("summary.md").ShouldContain("> Implement the approved design in csharp, following .editorconfig.");
        run.Read("README.md").ShouldContain("- `src/WeatherReport/ConvertUnits.cs`");
    }

    [Fact]
    public async Task RunAsync_SameInputTwice_WritesIdenticalFiles()
    {
        using var other = new TempDirectory();

        await new BuiltInRun("code", _temp.Path).RunAsync(Input);
        await new BuiltInRun("code", other.Path).RunAsync(Input);

        BuiltInRun.Snapshot(other.Path).ShouldBe(BuiltInRun.Snapshot(_temp.Path));
    }

    [Fact]
    public async Task Lint_StyleGuideAndEditedFile_ReportsFindingsWithLines()
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("language", "python");
        await run.RunAsync(Input, stopAfter: "tests");
        await run.RunPhaseAsync("api_docs", Input);
        File.WriteAllText(Path.Combine(_temp.Path, ".editorconfig"), "root = true\n[*]\nmax_line_length = 40\n");
        File.AppendAllText(Path.Combine(_temp.Path, "src/weather_report/convert_units.py"), "x = 1   \n\tpass");

        var lint = await run.RunPhaseAsync("lint", Input);

        var findings = lint.Output.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()} {f.GetProperty("rule").GetString()}").ToList();
        findings.ShouldContain("src/weather_report/convert_units.py:16 trailing-whitespace");
        findings.ShouldContain("src/weather_report/convert_units.py:17 tab-indent");
        findings.ShouldContain("src/weather_report/convert_units.py:17 final-newline");
        findings.ShouldContain(f => f.EndsWith("line-length", StringComparison.Ordinal));
        run.Read("lint-report.md").ShouldContain("line limit 40");
    }

    [Fact]
    public async Task RunAsync_WithoutOptionalLint_PackagesAndSaysSo()
    {
        var run = new BuiltInRun("code", _temp.Path);
        run.Skip.Add("lint");

        await run.RunAsync(Input);

        run.Read("summary.md").ShouldContain("The optional lint phase did not run.");
        File.Exists(Path.Combine(_temp.Path, "lint-report.md")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"features\": [\"a b\"]}", "\"project\"")]
    [InlineData("{\"project\": \"x\"}", "non-empty array of strings \"features\"")]
    [InlineData("{\"project\": \"x\", \"features\": [\"\"]}", "\"features[0]\" must be a non-empty string")]
    [InlineData("{\"project\": \"x\", \"features\": [\"Convert units\", \"convert-units\"]}", "both become module 'convert_units'")]
    [InlineData("{\"project\": \"x\", \"features\": [\"a\"], \"language\": \"cobol\"}", "\"language\" is \"cobol\"")]
    [InlineData("{\"project\": \"!!!\", \"features\": [\"a\"]}", "needs at least one letter")]
    public async Task Analyze_BadInput_FailsWithMessageSayingWhatToFix(string input, string expected)
    {
        var run = new BuiltInRun("code", _temp.Path);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("analyze", JsonDocument.Parse(input).RootElement));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Design_TestFrameworkOfAnotherLanguage_FailsNamingTheChoices()
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("language", "python").WithConfig("test_framework", "nunit");
        await run.RunPhaseAsync("analyze", Input);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("design", Input));

        error.Message.ShouldContain("use one of unittest, pytest");
    }

    [Fact]
    public async Task Design_MoreFilesThanMaxFiles_FailsSayingHowManyAreNeeded()
    {
        var run = new BuiltInRun("code", _temp.Path).WithConfig("max_files", 3);
        await run.RunPhaseAsync("analyze", Input);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("design", Input));

        error.Message.ShouldContain("needs 9 files for 2 feature(s) but config 'max_files' is 3");
    }
}
