using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Processes.Sandbox;

namespace Orchestrator.Plugins.Processes;

/// <summary>An external executable plugin (<c>binary: true</c>): one process per phase attempt, protocol v1.</summary>
internal sealed class ProcessRuntime(PluginManifest manifest, string executable, PluginOptions options, ILogger logger) : IPluginRuntime
{
    private readonly ProcessRunner _runner = new(options.StdoutLimit, options.KillGracePeriod, logger);

    public string Executable => executable;

    public async Task<PhaseResult> ExecuteAsync(PhaseManifest phase, PhaseRequest request, CancellationToken cancellationToken)
    {
        var subject = $"plugin '{manifest.Name}' phase '{phase.Name}'";
        if (EntryPointCheck.Problem(manifest.Directory, executable) is { } problem)
        {
            throw new PhaseExecutionException(PhaseFailureKind.StartFailed, $"{subject}: cannot start the executable: {problem}");
        }

        if (options.Sandbox != SandboxMode.Off && await SandboxCheck.ProblemAsync(options.ResolveBwrap(), cancellationToken) is { } unavailable)
        {
            throw new PhaseExecutionException(PhaseFailureKind.StartFailed, $"{subject}: {unavailable}");
        }

        // Reading the working directory makes it (PhaseRequest.WorkingDirectory): the process starts in it.
        var workingDirectory = request.WorkingDirectory;
        var host = options.ResolveHostEnvironment();
        var command = new ProcessCommand(
            executable,
            ["execute", phase.Name],
            workingDirectory,
            ProcessEnvironment.Build(manifest, host, request.RunId, phase.Name, workingDirectory),
            ProcessProtocol.WriteRequest(request),
            manifest.ResourceSpec?.MaxMemory,
            manifest.ResourceSpec?.CpuShares,
            Sandbox(workingDirectory));
        ProcessOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(command, manifest.Name, cancellationToken);
        }
        catch (PhaseExecutionException e)
        {
            throw new PhaseExecutionException(e.Kind, $"{subject}: {e.Message}", e);
        }

        // The engine's span of this attempt is the current one while it runs (docs/observability.md#traces).
        Activity.Current?.SetTag("process.exit.code", outcome.ExitCode);

        if (outcome.Stopped)
        {
            // The executor turns this into a timeout or a cancellation, whichever fired.
            throw new OperationCanceledException(
                $"{subject}: the process group was stopped (exit code {outcome.ExitCode}){Tail(outcome)}", cancellationToken);
        }

        if (outcome.StdoutOverflow)
        {
            throw Failure(PhaseFailureKind.OutputTooLarge, subject, $"stdout exceeded the {options.StdoutLimit}-byte limit; the process group was killed", outcome);
        }

        if (outcome.ExitCode == PhaseFailures.InvalidInputExitCode)
        {
            throw Failure(PhaseFailureKind.InvalidInput, subject, $"the executable exited with code {outcome.ExitCode}: it cannot use its input or config", outcome);
        }

        if (outcome.ExitCode != 0)
        {
            throw Failure(PhaseFailureKind.NonZeroExit, subject, $"the executable exited with code {outcome.ExitCode}", outcome);
        }

        if (ProcessProtocol.ReadResult(outcome.Stdout, out var result) is { } invalid)
        {
            throw Failure(PhaseFailureKind.InvalidOutput, subject, invalid, outcome);
        }

        return result;
    }

    /// <summary>What a call may see: the plugin directory, the workspace of an <c>execute</c>, the network when declared.</summary>
    internal static bool NetworkAllowed(PluginManifest manifest) =>
        manifest.ResourceSpec is { } spec && (spec.NetworkRequired || spec.Permissions.Contains(KnownPermissions.Network, StringComparer.Ordinal));

    public void Dispose()
    {
        // One process per call: nothing stays loaded.
    }

    private SandboxSpec? Sandbox(string? workspace) =>
        options.Sandbox != SandboxMode.Off
            ? new SandboxSpec(options.ResolveBwrap() ?? "bwrap", manifest.Directory, workspace, NetworkAllowed(manifest))
            : null;

    internal static string Tail(ProcessOutcome outcome) =>
        outcome.StderrTail.Length == 0 ? "; stderr was empty" : $"; stderr (last lines):{Environment.NewLine}{outcome.StderrTail}";

    private static PhaseExecutionException Failure(PhaseFailureKind kind, string subject, string what, ProcessOutcome outcome) =>
        new(kind, $"{subject}: {what} (exit code {outcome.ExitCode}){Tail(outcome)}") { ExitCode = outcome.ExitCode };

    /// <summary>Loads an executable plugin: checks the entry point, then runs <c>info</c> and <c>validate</c>.</summary>
    /// <exception cref="PluginLoadException">The entry point is unusable, or <c>info</c>/<c>validate</c> failed.</exception>
    public static async Task<ProcessRuntime> LoadAsync(PluginManifest manifest, PluginOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(manifest.Directory, manifest.EntryPoint!);
        if (EntryPointCheck.Problem(manifest.Directory, executable) is { } problem)
        {
            throw new PluginLoadException($"entry_point: {problem}");
        }

        if (options.Sandbox != SandboxMode.Off && await SandboxCheck.ProblemAsync(options.ResolveBwrap(), cancellationToken) is { } unavailable)
        {
            throw new PluginLoadException(unavailable);
        }

        var runtime = new ProcessRuntime(manifest, executable, options, logger);
        var info = await runtime.CallAsync("info", cancellationToken);
        if (ProcessProtocol.ReadInfo(info.Stdout, manifest.Name, out var phases) is { } invalid)
        {
            throw new PluginLoadException($"'{manifest.EntryPoint} info' failed: {invalid}");
        }

        var missing = manifest.Phases.Select(p => p.Name).Except(phases, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new PluginLoadException(
                $"'{manifest.EntryPoint} info' does not list the manifest's phase{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing)} (it lists: {string.Join(", ", phases)})");
        }

        await runtime.CallAsync("validate", cancellationToken);
        return runtime;
    }

    private async Task<ProcessOutcome> CallAsync(string verb, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.LoadTimeout);
        var command = new ProcessCommand(
            executable,
            [verb],
            manifest.Directory,
            ProcessEnvironment.Build(manifest, options.ResolveHostEnvironment(), runId: null, phase: null, workingDirectory: null),
            ReadOnlyMemory<byte>.Empty,
            manifest.ResourceSpec?.MaxMemory,
            manifest.ResourceSpec?.CpuShares,
            Sandbox(workspace: null));
        ProcessOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(command, manifest.Name, timeout.Token);
        }
        catch (PhaseExecutionException e)
        {
            throw new PluginLoadException($"'{manifest.EntryPoint} {verb}' could not run: {e.Message}", e);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var what = outcome switch
        {
            { Stopped: true } => $"did not finish within {options.LoadTimeout.TotalSeconds:0.#}s and was killed",
            { StdoutOverflow: true } => $"wrote more than {options.StdoutLimit} bytes to stdout",
            { ExitCode: not 0 } => $"exited with code {outcome.ExitCode}",
            _ => null,
        };
        return what is null ? outcome : throw new PluginLoadException($"'{manifest.EntryPoint} {verb}' {what}{Tail(outcome)}");
    }
}
