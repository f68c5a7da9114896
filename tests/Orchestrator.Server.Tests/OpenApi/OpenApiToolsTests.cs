using System.Text.Json;

namespace Orchestrator.Server.Tests.OpenApi;

/// <summary>Standard OpenAPI tools accept the document <c>orchestrator serve</c> serves.</summary>
[Collection(ServeCollection.Name)]
public sealed class OpenApiToolsTests(ServeFixture serve) : IDisposable
{
    /// <summary>The warnings tools/openapi/redocly.yaml keeps, with where they are; anything else fails.</summary>
    private static readonly string[] KeptWarnings =
    [
        "info-license #/info",
        "operation-4xx-response #/paths/~1healthz/get/responses",
        "operation-4xx-response #/paths/~1readyz/get/responses",
    ];

    private readonly TempDirectory _work = new("orch-openapi-tools-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task RedoclyLint_RecommendedRules_NoErrorsAndOnlyTheKeptWarnings()
    {
        var lint = await OpenApiTools.RunAsync("redocly", _work.Path, "lint", serve.DocumentPath, "--config", OpenApiTools.RedoclyConfig, "--format", "json");

        lint.ExitCode.ShouldBe(0, lint.Output);
        using var json = JsonDocument.Parse(lint.StandardOutput);
        var problems = json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetString(), Where: $"{p.GetProperty("ruleId").GetString()} {p.GetProperty("location")[0].GetProperty("pointer").GetString()}", Message: p.GetProperty("message").GetString()))
            .ToList();
        problems.Where(p => p.Severity == "error").ShouldBeEmpty(string.Join(Environment.NewLine, problems));
        problems.Select(p => p.Where).ShouldBe(KeptWarnings, ignoreOrder: true, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task OpenApiTypescript_ServedDocument_GeneratesTypesThatCompile()
    {
        var types = _work.Combine("orchestrator-api.ts");

        var generate = await OpenApiTools.RunAsync("openapi-typescript", _work.Path, serve.DocumentPath, "--output", types);

        generate.ExitCode.ShouldBe(0, generate.Output);
        var text = await File.ReadAllTextAsync(types, TestContext.Current.CancellationToken);
        text.ShouldContain("run_id: string;");
        text.ShouldContain("waiting_for_approval: null | string;");
        text.ShouldContain("continuation_token: null | string;");
        text.ShouldContain("\"application/problem+json\": components[\"schemas\"][\"ApiProblem\"];");
        var compile = await OpenApiTools.RunAsync("tsc", _work.Path, "--noEmit", "--strict", "--target", "es2022", types);
        compile.ExitCode.ShouldBe(0, compile.Output);
    }
}
