using Orchestrator.Abstractions;

namespace Orchestrator.Plugins.Registry;

/// <summary>No loaded plugin has the requested name.</summary>
public sealed class PluginNotFoundException : OrchestratorException
{
    public PluginNotFoundException()
    {
    }

    public PluginNotFoundException(string message)
        : base(message)
    {
    }

    public PluginNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The name that was looked up.</summary>
    public string? PluginName { get; init; }

    /// <summary>Creates the exception for a name, saying how to see what is available.</summary>
    public static PluginNotFoundException For(string name) =>
        new($"no plugin named '{name}' is loaded; run 'orchestrator plugins list --all' to see the plugins found and why any were not loaded")
        {
            PluginName = name,
        };
}
