using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Tests.Execution;

namespace Orchestrator.Plugins.Tests.Loading;

/// <summary>Built-in plugins through an injected table, and the executor's checks (prompt, schemas, unknown phase).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BuiltInPluginTests : IDisposable
{
    private readonly PluginSandbox _sandbox = new();

    public BuiltInPluginTests()
    {
        _sandbox.BuiltIns["echo"] = () => new EchoProvider();
    }

    public void Dispose() => _sandbox.Dispose();

    private void WriteEcho(string phaseExtra = "")
    {
        var directory = Path.Combine(_sandbox.Plugins, "echo");
        Directory.CreateDirectory(Path.Combine(directory, "prompts"));
        File.WriteAllText(Path.Combine(directory, "prompts", "say.md"), "Say it back.");
        File.WriteAllText(
            Path.Combine(directory, "plugin.yaml"),
            $"name: echo\nversion: 1.0.0\ntype: builtin\ndomains: [docs]\nprompts:\n  say: prompts/say.md\nphases:\n  - name: say\n    order: 1\n{phaseExtra}");
    }

    [Fact]
    public async Task ExecuteAsync_BuiltIn_RunsProviderPhaseWithManifestPrompt()
    {
        WriteEcho();
        var plugin = await _sandbox.LoadAsync("echo");

        var result = await _sandbox.ExecuteAsync(plugin, "say", """{"text":"hi"}""");

        result.Output.GetProperty("text").GetString().ShouldBe("hi");
        result.Output.GetProperty("prompt").GetString().ShouldBe("Say it back.");
        plugin.Identity.ContentHash.Length.ShouldBe(64);
    }

    [Fact]
    public async Task ExecuteAsync_RequestCarriesPrompt_KeepsRequestPrompt()
    {
        WriteEcho();
        var plugin = await _sandbox.LoadAsync("echo");
        var request = _sandbox.Request(plugin, "say", """{"text":"hi"}""") with { Prompt = "Custom." };

        var result = await new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(plugin.Identity, request, TestContext.Current.CancellationToken);

        result.Output.GetProperty("prompt").GetString().ShouldBe("Custom.");
    }

    [Fact]
    public async Task ExecuteAsync_InputViolatesSchema_SchemaViolationNamingTheField()
    {
        WriteEcho("    input_schema:\n      type: object\n      properties:\n        text: { type: string }\n      required: [text]\n");
        var plugin = await _sandbox.LoadAsync("echo");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "say", """{"text":5}"""));

        failure.Kind.ShouldBe(PhaseFailureKind.SchemaViolation);
        failure.Message.ShouldContain("input_schema");
        failure.Message.ShouldContain("/text");
    }

    [Fact]
    public async Task ExecuteAsync_OutputViolatesSchema_SchemaViolation()
    {
        WriteEcho("    output_schema:\n      type: object\n      required: [summary]\n");
        var plugin = await _sandbox.LoadAsync("echo");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "say", """{"text":"hi"}"""));

        failure.Kind.ShouldBe(PhaseFailureKind.SchemaViolation);
        failure.Message.ShouldContain("output_schema");
        failure.Message.ShouldContain("summary");
    }

    [Fact]
    public async Task ExecuteAsync_UnknownPhase_ListsThePhases()
    {
        WriteEcho();
        var plugin = await _sandbox.LoadAsync("echo");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "shout"));

        failure.Kind.ShouldBe(PhaseFailureKind.UnknownPhase);
        failure.Message.ShouldContain("has no phase 'shout'; its phases: say");
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_CancelledFailure()
    {
        _sandbox.BuiltIns["echo"] = () => new EchoProvider(wait: true);
        WriteEcho();
        var plugin = await _sandbox.LoadAsync("echo");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var failure = await Should.ThrowAsync<PhaseExecutionException>(
            () => new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(plugin.Identity, _sandbox.Request(plugin, "say"), cancel.Token));

        failure.Kind.ShouldBe(PhaseFailureKind.Cancelled);
    }

    [Fact]
    public async Task ExecuteAsync_PhaseRejectsItsInput_InvalidInputWithThePhasesMessage()
    {
        WriteEcho();
        var plugin = await _sandbox.LoadAsync("echo");

        var failure = await Should.ThrowAsync<PhaseExecutionException>(() => _sandbox.ExecuteAsync(plugin, "say", """{"text":"reject me"}"""));

        failure.Kind.ShouldBe(PhaseFailureKind.InvalidInput);
        failure.Kind.IsRetryable().ShouldBeFalse();
        failure.Message.ShouldContain("plugin 'echo' phase 'say' cannot use its input");
        failure.Message.ShouldContain("Input field \"text\" must not ask to be rejected.");
        failure.InnerException.ShouldBeOfType<PhaseInputException>();
    }

    [Fact]
    public async Task ExecuteAsync_PhaseWritesItsContext_ChangesAddedToTheResult()
    {
        WriteEcho();
        var plugin = await _sandbox.LoadAsync("echo");
        var request = _sandbox.Request(plugin, "say", """{"text":"hi"}""") with
        {
            Context = new PluginContext(null, ImmutableDictionary<string, JsonElement>.Empty.Add("said", JsonSerializer.SerializeToElement("before"))),
        };

        var result = await new PhaseExecutor(_sandbox.Catalog).ExecuteAsync(plugin.Identity, request, TestContext.Current.CancellationToken);

        result.Output.GetProperty("text").GetString().ShouldBe("hi");
        result.Output.GetProperty("before").GetString().ShouldBe("before");
        result.Metadata["said"].GetString().ShouldBe("hi");
    }

    [Fact]
    public async Task ReloadAsync_BuiltInNameNotCompiledIn_RejectedListingTheBuiltIns()
    {
        _sandbox.BuiltIns.Clear();
        _sandbox.BuiltIns["other"] = () => new EchoProvider();
        WriteEcho();

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
        problem.Message.ShouldContain("no built-in plugin named 'echo' (built-in: other)");
    }

    [Fact]
    public async Task ReloadAsync_DependentOfFailedPlugin_AlsoRejected()
    {
        _sandbox.BuiltIns.Clear();
        WriteEcho();
        var user = Path.Combine(_sandbox.Plugins, "user");
        Directory.CreateDirectory(user);
        _sandbox.WriteBash("user", "echo '{\"output\":null}'", extraYaml: "dependencies: [echo]\n");

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken);

        _sandbox.Catalog.List().ShouldBeEmpty();
        _sandbox.Catalog.Problems.ShouldContain(p => p.PluginName == "echo" && p.Kind == PluginProblemKind.LoadFailed);
        _sandbox.Catalog.Problems.ShouldContain(p => p.PluginName == "user" && p.Message.Contains("echo", StringComparison.Ordinal));
    }

    private sealed class EchoProvider(bool wait = false) : IPhaseProvider
    {
        public IReadOnlyList<IPhase> CreatePhases() => [new SayPhase(wait)];
    }

    private sealed class SayPhase(bool wait) : IPhase
    {
        public string Name => "say";

        public async Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
        {
            if (wait)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var text = request.Input.ValueKind == JsonValueKind.Object ? request.Input.GetProperty("text") : default;
            if (text.ValueKind == JsonValueKind.String && text.GetString() == "reject me")
            {
                throw new PhaseInputException("Input field \"text\" must not ask to be rejected.");
            }

            JsonElement? before = request.Context.TryGet("said", out var said) ? said : null;
            request.Context.Set("said", text);
            return new PhaseResult { Output = JsonSerializer.SerializeToElement(new { text, prompt = request.Prompt, before }) };
        }
    }
}
