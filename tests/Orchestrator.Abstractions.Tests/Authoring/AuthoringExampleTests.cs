using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Authoring;

/// <summary>The built-in plugin example of docs/writing-plugins.md, compiled and run here; the page must show exactly this code.</summary>
public sealed class AuthoringExampleTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    // docs-example:begin
    public sealed class GreeterPlugin : IPhaseProvider
    {
        public const string Name = "greeter";   // the manifest's name

        public IReadOnlyList<IPhase> CreatePhases() => [new GreetPhase()];
    }

    internal sealed class GreetPhase : PhaseBase
    {
        public override string Name => "greet";   // the manifest's phase name

        protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
        {
            var name = scope.Input.RequireString("name", 100, "{\"name\": \"Ada\"}");
            var style = scope.Config.GetChoice("style", "plain", ["plain", "formal"]);
            var greeting = style == "formal" ? $"Good day, {name}." : $"Hello, {name}.";
            var file = await scope.Workspace.WriteAsync($"greetings/{Naming.Slug(name)}.md", $"{scope.BriefBlock}{greeting}\n", cancellationToken);
            scope.Context.SetMetadata("greeter.style", style);
            return scope.Context.ToResult(new { greeting }, [file]);
        }
    }
    // docs-example:end

    [Fact]
    public void DocsPage_ShowsTheCodeThisTestRuns()
    {
        var shown = DocPages.CodeBlockAfter("writing-plugins.md", "<!-- built-in-plugin-example -->");
        var code = string.Join('\n', shown.Split('\n').Where(l => !l.TrimStart().StartsWith("using ", StringComparison.Ordinal)));

        DocPages.Normalize(code).ShouldBe(DocPages.Normalize(DocPages.SourceRegion("tests/Orchestrator.Abstractions.Tests/Authoring/AuthoringExampleTests.cs")));
    }

    [Fact]
    public async Task GreetPhase_NameAndFormalStyle_WritesTheGreetingAndReturnsIt()
    {
        var phase = new GreeterPlugin().CreatePhases().ShouldHaveSingleItem();

        var result = await phase.ExecuteAsync(Request("""{"name": "Ada Lovelace"}""", "formal", "Greet warmly in a {{config.style}} way."), TestContext.Current.CancellationToken);

        phase.Name.ShouldBe("greet");
        result.Output.GetProperty("greeting").GetString().ShouldBe("Good day, Ada Lovelace.");
        result.Artifacts.ShouldBe(["greetings/ada-lovelace.md"]);
        result.Metadata["greeter.style"].GetString().ShouldBe("formal");
        (await File.ReadAllTextAsync(_root.Combine("greetings", "ada-lovelace.md"), TestContext.Current.CancellationToken))
            .ShouldBe("> Greet warmly in a formal way.\n\nGood day, Ada Lovelace.\n");
    }

    [Fact]
    public async Task GreetPhase_NoName_FailsAsBadInputWithAnExample()
    {
        var phase = new GreeterPlugin().CreatePhases()[0];

        var error = await Should.ThrowAsync<PhaseInputException>(() => phase.ExecuteAsync(Request("{}", "plain", null), TestContext.Current.CancellationToken));

        error.Message.ShouldBe("The run input needs a non-empty string field \"name\", for example {\"name\": \"Ada\"}.");
    }

    private PhaseRequest Request(string input, string style, string? prompt) => new()
    {
        RunId = "run-1",
        Plugin = GreeterPlugin.Name,
        PluginVersion = "1.0.0",
        Phase = "greet",
        Input = JsonDocument.Parse(input).RootElement.Clone(),
        Config = ImmutableDictionary<string, JsonElement>.Empty.Add("style", JsonSerializer.SerializeToElement(style)),
        Prompt = prompt,
        WorkingDirectory = _root.Path,
    };
}
