namespace Orchestrator.Plugins.Processes;

/// <summary>What one sandboxed call may see and reach (docs/process-protocol.md#sandbox).</summary>
/// <param name="Bwrap">The bubblewrap executable.</param>
/// <param name="PluginDirectory">Mounted read-only.</param>
/// <param name="Workspace">The run's workspace, mounted read-write; null for <c>info</c> and <c>validate</c>.</param>
/// <param name="Network">Whether the call shares the host's network (<c>network_required: true</c>).</param>
internal sealed record SandboxSpec(string Bwrap, string PluginDirectory, string? Workspace, bool Network);
