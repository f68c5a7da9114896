using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Workflows;
using Orchestrator.Engine;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Contracts.Tests;

public sealed class WorkflowContractTests : IDisposable
{
    private readonly TempDirectory _root = new("orch-contract-workflows-");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void List_ValidShadowedAndBrokenFiles_WorkflowsWithTheirPluginsAndWithAllTheRestAndStructuredProblems()
    {
        _root.Write("first/steps.yaml", "name: steps\ndescription: Two steps.\nversion: 1.0.0\nretention: 2h\nsteps:\n  - plugin: code@^1.0\n  - plugin: docs\n");
        _root.Write("first/broken.yaml", "name: broken\n");
        _root.Write("second/steps.yaml", "name: steps\nplugin: fiction\n");
        var found = new WorkflowCatalog(Options.Create(new EngineOptions
        {
            CurrentDirectory = _root.Path,
            Environment = ImmutableDictionary<string, string>.Empty.Add("HOME", _root.Path),
            WorkflowPaths = { _root.Combine("first"), _root.Combine("second") },
        })).Discover(TestContext.Current.CancellationToken);

        var all = WorkflowList.From(found, all: true, Audience.Local);
        var loaded = WorkflowList.From(found, all: false, Audience.Local);
        var remote = WorkflowList.From(found, all: false, Audience.Remote);

        var steps = loaded.Workflows.ShouldHaveSingleItem();
        (steps.Name, steps.Description, steps.Version, steps.RetentionSeconds, steps.Status).ShouldBe(("steps", "Two steps.", "1.0.0", 7200d, "loaded"));
        steps.Plugins.ShouldBe(["code@^1.0", "docs"]);
        steps.Path.ShouldBe(_root.Combine("first", "steps.yaml"));
        loaded.Problems.ShouldBeEmpty();
        remote.Workflows.ShouldHaveSingleItem().Path.ShouldBeNull();
        all.Workflows.Select(w => $"{w.Status}:{w.Path}").ShouldBe([$"loaded:{_root.Combine("first", "steps.yaml")}", $"shadowed:{_root.Combine("second", "steps.yaml")}"]);
        all.Problems.ShouldContain(p => p.Severity == "error" && p.File.EndsWith("broken.yaml", StringComparison.Ordinal));
    }
}
