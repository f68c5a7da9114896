namespace Orchestrator.Plugins.Processes;

/// <summary>How the processes of one call are held together, and so how they are signalled.</summary>
internal enum TreeKind
{
    /// <summary>Nothing holds them together (no <c>setsid</c>): the runtime walks the process tree.</summary>
    Plain,

    /// <summary>The entry leads its own session and process group (<c>setsid</c>); the group is signalled.</summary>
    Group,

    /// <summary>
    /// A bubblewrap sandbox: the sandbox's init and the entry share a session of their own, and every process in the
    /// sandbox dies when its init does.
    /// </summary>
    Sandbox,
}
