using Microsoft.Extensions.Options;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Tests.Workflows;

public sealed class WorkflowCatalogTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Discover_SameNameInTwoPaths_HigherWinsAndLowerIsReportedShadowed()
    {
        _root.Write("explicit/a.yaml", "name: same\nplugin: docs\n");
        _root.Write("workflows/b.yaml", "name: same\nplugin: code\n");
        _root.Write("config/orchestrator/workflows/c.yaml", "name: other\nplugin: fiction\n");
        _root.Write("workflows/broken.yaml", "name: broken\n");
        var options = new EngineOptions
        {
            CurrentDirectory = _root.Path,
            Environment = new Dictionary<string, string> { ["HOME"] = _root.Path, ["XDG_CONFIG_HOME"] = _root.Combine("config") },
        };
        options.WorkflowPaths.Add(_root.Combine("explicit"));

        var result = new WorkflowCatalog(Options.Create(options)).Discover(TestContext.Current.CancellationToken);

        result.Workflows.Select(w => w.Name).ShouldBe(["other", "same"]);
        result.Find("same")!.Plugin!.Plugin.ShouldBe("docs");
        result.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Warning && p.Message.Contains("shadowed", StringComparison.Ordinal) && p.File.EndsWith("b.yaml", StringComparison.Ordinal));
        result.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Error && p.File.EndsWith("broken.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_DuplicateNameInOneDirectory_IsAnError()
    {
        _root.Write("workflows/a.yaml", "name: twin\nplugin: docs\n");
        _root.Write("workflows/b.yml", "name: twin\nplugin: code\n");
        var options = new EngineOptions { CurrentDirectory = _root.Path, Environment = new Dictionary<string, string> { ["HOME"] = _root.Path } };

        var result = new WorkflowCatalog(Options.Create(options)).Discover(TestContext.Current.CancellationToken);

        result.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Error && p.Message.Contains("unique within a directory", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_FileEditedToTheSameLengthAtOnce_ReadsTheNewContent()
    {
        _root.Write("workflows/a.yaml", "name: first\nplugin: docs\n");
        var catalog = new WorkflowCatalog(Options.Create(new EngineOptions { CurrentDirectory = _root.Path, Environment = new Dictionary<string, string> { ["HOME"] = _root.Path } }));
        catalog.Discover(TestContext.Current.CancellationToken).Workflows.ShouldHaveSingleItem().Name.ShouldBe("first");

        _root.Write("workflows/a.yaml", "name: other\nplugin: code\n");
        var again = catalog.Discover(TestContext.Current.CancellationToken);

        again.Workflows.ShouldHaveSingleItem().Name.ShouldBe("other");
        again.Find("other")!.Plugin!.Plugin.ShouldBe("code");
    }

    [Fact]
    public void Discover_FileRemovedThenAddedBroken_ReportsWhatIsThereNow()
    {
        _root.Write("workflows/a.yaml", "name: kept\nplugin: docs\n");
        var catalog = new WorkflowCatalog(Options.Create(new EngineOptions { CurrentDirectory = _root.Path, Environment = new Dictionary<string, string> { ["HOME"] = _root.Path } }));
        catalog.Discover(TestContext.Current.CancellationToken).Workflows.ShouldHaveSingleItem();

        File.Delete(_root.Combine("workflows/a.yaml"));
        catalog.Discover(TestContext.Current.CancellationToken).Workflows.ShouldBeEmpty();
        _root.Write("workflows/a.yaml", "name: kept\n");
        var broken = catalog.Discover(TestContext.Current.CancellationToken);

        broken.Workflows.ShouldBeEmpty();
        broken.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Error && p.File.EndsWith("a.yaml", StringComparison.Ordinal));
    }
}
