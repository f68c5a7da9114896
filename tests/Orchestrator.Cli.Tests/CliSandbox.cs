using System.Collections.Immutable;
using System.Text;
using Orchestrator.Plugins.Discovery;
using Semver;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// A temp directory acting as home, current and binary directory, with an empty environment, so the CLI
/// sees only the plugins a test writes. Runs the CLI in-process with captured output.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "orchestrator-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Home = Sub("home");
        Current = Sub("work");
        Binary = Sub("app", "bin");
    }

    public string Root { get; }

    public string Home { get; }

    public string Current { get; }

    public string Binary { get; }

    public ImmutableDictionary<string, string> Environment { get; set; } = ImmutableDictionary<string, string>.Empty
        .Add("XDG_DATA_DIRS", "/nonexistent-orchestrator-test-dir");

    public string Sub(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Copies the repository's workflows/ into the sandbox's current directory, where <c>run</c> and <c>workflows</c> find them.</summary>
    public string CopyRepositoryWorkflows()
    {
        var workflows = Path.Combine(Current, "workflows");
        Directory.CreateDirectory(workflows);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "workflows")))
        {
            File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
        }

        return workflows;
    }

    public CliContext Context() => new(
        new DiscoveryOptions { Environment = Environment, HomeDirectory = Home, CurrentDirectory = Current, BinaryDirectory = Binary },
        SemVersion.Parse("0.1.0", SemVersionStyles.Strict));

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        var exitCode = await OrchestratorCli.RunAsync(args, output, error, Context(), TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
