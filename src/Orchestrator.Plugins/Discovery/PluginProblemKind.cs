namespace Orchestrator.Plugins.Discovery;

/// <summary>Why a plugin directory did not become a loaded plugin.</summary>
public enum PluginProblemKind
{
    /// <summary>The manifest has errors; <see cref="PluginProblem.ManifestProblems"/> lists them all.</summary>
    InvalidManifest,

    /// <summary>A plugin of the same name was found in a search path of higher precedence.</summary>
    Shadowed,

    /// <summary>A directory could not be listed or read.</summary>
    UnreadableDirectory,

    /// <summary>A subdirectory of a search path holds no plugin.yaml, plugin.yml or plugin.json.</summary>
    NoManifest,

    /// <summary>An explicit search path (<c>--plugins</c>, ORCHESTRATOR_PLUGIN_PATH) does not exist or is not a directory.</summary>
    MissingSearchPath,

    /// <summary>min_version/max_version exclude the running Orchestrator version.</summary>
    Incompatible,

    /// <summary>A dependency names a plugin that is not present.</summary>
    MissingDependency,

    /// <summary>A dependency is present in a version outside the required range.</summary>
    UnsatisfiedDependency,

    /// <summary>The plugin is part of a dependency cycle.</summary>
    DependencyCycle,

    /// <summary>A plugin this one depends on (directly or not) was rejected.</summary>
    DependencyRejected,

    /// <summary>The manifest is valid but the plugin could not be made runnable (no built-in of that name, an assembly
    /// that does not load, an executable whose <c>info</c> or <c>validate</c> failed, unreadable files).</summary>
    LoadFailed,
}
