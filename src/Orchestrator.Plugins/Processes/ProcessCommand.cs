using System.Collections.Immutable;

namespace Orchestrator.Plugins.Processes;

/// <summary>One call of a plugin executable.</summary>
/// <param name="Executable">Absolute path of the entry point.</param>
/// <param name="Arguments">Its arguments (<c>info</c>, <c>validate</c>, <c>execute PHASE</c>).</param>
/// <param name="WorkingDirectory">Where it runs.</param>
/// <param name="Environment">Its whole environment.</param>
/// <param name="Stdin">Bytes written to its stdin before stdin is closed; empty closes it at once.</param>
/// <param name="MaxMemory">Address-space limit in bytes, when the manifest sets <c>max_memory</c>.</param>
/// <param name="CpuShares">The relative CPU weight, when the manifest sets <c>cpu_shares</c> (1024 is the default weight).</param>
/// <param name="Sandbox">What the call may see inside the sandbox; null runs it unsandboxed.</param>
internal sealed record ProcessCommand(
    string Executable,
    ImmutableArray<string> Arguments,
    string WorkingDirectory,
    ImmutableDictionary<string, string> Environment,
    ReadOnlyMemory<byte> Stdin,
    long? MaxMemory,
    int? CpuShares = null,
    SandboxSpec? Sandbox = null)
{
    /// <summary>How messages name the call, e.g. <c>execute outline</c>.</summary>
    public string Display => string.Join(' ', Arguments);
}
