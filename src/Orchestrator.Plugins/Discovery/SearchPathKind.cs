namespace Orchestrator.Plugins.Discovery;

/// <summary>Where a search path comes from (docs/cli.md#search-paths-and-precedence), highest precedence first.</summary>
public enum SearchPathKind
{
    /// <summary><c>--plugins DIR</c> or an <c>ORCHESTRATOR_PLUGIN_PATH</c> entry.</summary>
    Explicit,

    /// <summary><c>./plugins</c> in the current directory.</summary>
    Development,

    /// <summary><c>$XDG_CONFIG_HOME/orchestrator/plugins</c>.</summary>
    UserConfig,

    /// <summary><c>$XDG_DATA_HOME/orchestrator/plugins</c>.</summary>
    UserData,

    /// <summary>An <c>$XDG_DATA_DIRS</c> entry + <c>/orchestrator/plugins</c>.</summary>
    System,

    /// <summary><c>&lt;binary dir&gt;/../share/orchestrator/plugins</c>, then <c>&lt;binary dir&gt;/plugins</c> (the built-in manifests shipped with the binary).</summary>
    BuiltIn,
}
