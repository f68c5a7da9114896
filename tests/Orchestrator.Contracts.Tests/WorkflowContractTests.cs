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
    public void List_ValidAndBrokenFiles_WorkflowsWithTheirPluginsAndStructuredProblems()
    {
        _root.Write("workflows/steps.yaml", "name: steps\ndescription: Two steps.\nversion: 1.0.0\nretention: 2h\nsteps:\n  - plugin: code@^1.0\n  - plugin: docs\n");
        _root.Write("workflows/broken.yaml", "name: broken\n");
        var catalog = new WorkflowCatalog(Options.Create(new EngineOptions
        {
            CurrentDirectory = _root.Path,
            Environment = ImmutableDictionary<string, string>.Empty.Add("HOME", _root.Path),
            WorkflowPaths = { _root.Combine("workflows") },
        }));

        var local = WorkflowList.From(catalog.Discover(TestContext.Current.CancellationToken), Audience.Local);
        var remote = WorkflowList.From(catalog.Discover(TestContext.Current.CancellationToken), Audience.Remote);

        var steps = local.Workflows.ShouldHaveSingleItem();
        (steps.Name, steps.Description, steps.Version, steps.RetentionSeconds).ShouldBe(("steps", "Two steps.", "1.0.0", 7200d));
        steps.Plugins.ShouldBe(["code@^1.0", "docs"]);
        steps.Path.ShouldBe(_root.Combine("workflows", "steps.yaml"));
        remote.Workflows.ShouldHaveSingleItem().Path.ShouldBeNull();
        var problem = local.Problems.ShouldHaveSingleItem();
        problem.Severity.ShouldBe("error");
        problem.File.ShouldEndWith("broken.yaml");
    }
}
