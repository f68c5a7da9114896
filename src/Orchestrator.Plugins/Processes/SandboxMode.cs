namespace Orchestrator.Plugins.Processes;

/// <summary>How executable plugins are isolated (configuration <c>Plugins:Sandbox</c>, <c>on</c> or <c>off</c>; docs/process-protocol.md#sandbox).</summary>
public enum SandboxMode
{
    /// <summary>
    /// The default: every call runs in a bubblewrap sandbox with its own PID namespace, the system directories and the
    /// plugin directory read-only, the run's workspace read-write, a private /tmp and no network unless declared.
    /// </summary>
    On,

    /// <summary>No sandbox: the executable sees what the host process sees. An explicit opt-out, warned about at start.</summary>
    Off,
}
