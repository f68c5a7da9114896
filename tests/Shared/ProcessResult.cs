namespace Orchestrator.Testing;

/// <summary>How a child process run to its end by <see cref="ChildProcess.RunAsync"/> went.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">stdout and stderr in the order their lines arrived.</param>
/// <param name="StandardOutput">stdout alone.</param>
/// <param name="StandardError">stderr alone.</param>
internal sealed record ProcessResult(int ExitCode, string Output, string StandardOutput, string StandardError)
{
    public void Deconstruct(out int exitCode, out string output)
    {
        exitCode = ExitCode;
        output = Output;
    }

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}";
}
