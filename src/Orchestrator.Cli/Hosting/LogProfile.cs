namespace Orchestrator.Cli.Hosting;

/// <summary>How much a kind of process logs to stderr; the table is in docs/cli.md#logging.</summary>
internal enum LogProfile
{
    /// <summary><c>plugins exec</c> and <c>plugins reload</c>: only what plugin executables write to stderr, and why one was killed.</summary>
    PluginOutput,

    /// <summary>
    /// <c>run</c> and <c>runs</c>: only warnings and errors that the progress lines do not already show, as
    /// <c>warning: …</c>; with <c>--verbose</c>, everything from Information up.
    /// </summary>
    Command,

    /// <summary><c>worker</c>: warnings and errors; with <c>--verbose</c>, everything from Information up.</summary>
    Worker,

    /// <summary><c>serve</c> and <c>sidecar</c>: everything from Information up; with <c>--verbose</c>, Orchestrator's Debug messages too.</summary>
    Service,
}
