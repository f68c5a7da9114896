namespace Orchestrator.Cli.Hosting;

/// <summary>How one log line looks.</summary>
internal enum CliLogFormat
{
    /// <summary><c>08:02:51 warn: Category[6002] message</c>, then the exception, if any.</summary>
    Full,

    /// <summary><c>warning: message</c> (the exception's message appended), like the CLI's own <c>error:</c> lines.</summary>
    Short,

    /// <summary>The message alone.</summary>
    Message,
}
