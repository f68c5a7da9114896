using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>The arguments and options of <c>orchestrator run</c>, and what may be combined with <c>--resume</c>.</summary>
internal sealed class RunOptions
{
    public Argument<string?> Target { get; } = new("target") { Description = "A workflow name, or a plugin name (not with --resume).", Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> Resume { get; } = new("--resume")
    {
        Description = "Re-attach to a run already in the database (one whose `run` was stopped or killed): continue it and show its progress.",
        HelpName = "RUN_ID",
    };

    public Option<string?> Input { get; } = CommonOptions.Input();

    public Option<string[]> Config { get; } = CommonOptions.Config();

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<bool> AutoApprove { get; } = new("--auto-approve") { Description = "Let approval phases go ahead without waiting for `runs approve`." };

    public Option<string?> RunId { get; } = new("--run-id") { Description = "The run id to use (default: a new one)." };

    public SidecarChoice Sidecar { get; } = new();

    public EngineCommandOptions Engine { get; } = new();

    // What a run fixes when it starts: none of it can change when it is resumed.
    private IReadOnlyList<Option> FixedAtStart => [Input, Config, AutoApprove, RunId];

    public void AddTo(Command command)
    {
        command.Arguments.Add(Target);
        foreach (var option in new Option[] { Resume, Input, Config, Json, AutoApprove, RunId })
        {
            command.Options.Add(option);
        }

        Sidecar.AddTo(command);
        Engine.AddTo(command);
    }

    /// <summary>The run request of <c>run TARGET</c>, with its id chosen here so that an interrupted start can still name it.</summary>
    public async Task<RunRequest?> ReadRequestAsync(CliInvocation invocation, CliContext context, List<string> problems, CancellationToken cancellationToken)
    {
        if (invocation.Value(Target) is not { } target)
        {
            problems.Add("give a workflow or plugin to run (e.g. orchestrator run short-story), or --resume RUN_ID to continue a run");
            return null;
        }

        return new RunRequest
        {
            Target = target,
            Input = await InputFile.ReadAsync(invocation.Value(Input), context.StandardInput ?? Console.In, problems, cancellationToken),
            Config = ConfigPairs.Parse(invocation.Value(Config) ?? [], problems),
            RunId = invocation.Value(RunId) ?? RunIds.New(target, DateTimeOffset.UtcNow),
            AutoApprove = invocation.Value(AutoApprove),
        };
    }

    /// <summary>Adds what is wrong with <c>--resume</c>: a target beside it, an option fixed when the run started, a malformed id.</summary>
    public void CheckResume(CliInvocation invocation, List<string> problems)
    {
        if (invocation.Value(Resume) is not { } runId)
        {
            return;
        }

        if (invocation.Value(Target) is { } target)
        {
            problems.Add($"give either a target ('{target}') or --resume {runId}, not both: --resume continues the run as it was started");
        }

        var given = FixedAtStart.Where(invocation.Given).Select(o => o.Name).ToList();
        if (given.Count > 0)
        {
            problems.Add($"{string.Join(", ", given)} cannot be combined with --resume: a run's input, config, approvals and id are fixed when it starts");
        }

        if (RunIds.Problem(runId) is { } problem)
        {
            problems.Add($"--resume: {problem}");
        }
    }
}
