using Orchestrator.Abstractions;

namespace Orchestrator.Plugins.Execution;

/// <summary>A run asked for a plugin version that has been replaced or removed since the run started.</summary>
public sealed class PluginVersionUnavailableException : OrchestratorException
{
    public PluginVersionUnavailableException()
    {
    }

    public PluginVersionUnavailableException(string message)
        : base(message)
    {
    }

    public PluginVersionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PluginIdentity? Requested { get; init; }

    public PluginIdentity? Current { get; init; }
}
