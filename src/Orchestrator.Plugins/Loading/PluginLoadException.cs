using Orchestrator.Abstractions;

namespace Orchestrator.Plugins.Loading;

/// <summary>A plugin with a valid manifest could not be made runnable; the message says why and what to fix.</summary>
public sealed class PluginLoadException : OrchestratorException
{
    public PluginLoadException()
    {
    }

    public PluginLoadException(string message)
        : base(message)
    {
    }

    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
