namespace Orchestrator.Plugins.Processes;

/// <summary>How a plugin executable call ended.</summary>
/// <param name="ExitCode">The exit code (128 + signal when a signal ended it).</param>
/// <param name="Stdout">Everything written to stdout, up to the cap.</param>
/// <param name="StdoutOverflow">It wrote more than the cap and was killed.</param>
/// <param name="StderrTail">The last lines of stderr.</param>
/// <param name="Stopped">It was stopped by cancellation (timeout or run cancelled).</param>
internal sealed record ProcessOutcome(int ExitCode, byte[] Stdout, bool StdoutOverflow, string StderrTail, bool Stopped);
