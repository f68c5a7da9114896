namespace Orchestrator.Plugins.Manifests;

/// <summary>The manifest's <c>type</c> field.</summary>
public enum PluginType
{
    /// <summary>A C# type compiled into Orchestrator.</summary>
    Builtin,

    /// <summary>A .NET assembly (<c>binary: false</c>) or an executable (<c>binary: true</c>).</summary>
    External,
}
