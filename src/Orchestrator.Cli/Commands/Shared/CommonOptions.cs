using System.CommandLine;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>The options several commands accept, each declared once here (docs/cli.md#options).</summary>
internal static class CommonOptions
{
    /// <summary><c>--plugins DIR</c>, repeatable, usable after any subcommand; searched before every other plugin path.</summary>
    public static Option<string[]> Plugins() => new("--plugins")
    {
        Description = "A directory to search for plugins first (repeatable; highest precedence first).",
        HelpName = "DIR",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON (snake_case, stable shape) instead of text." };

    public static Option<bool> Verbose() => new("--verbose") { Description = "Show more of the log on stderr (docs/cli.md#logging)." };

    public static Option<bool> All() => new("--all") { Description = "Also show what was not loaded (shadowed, invalid, rejected), with the reasons." };

    public static Option<string[]> Workflows() => new("--workflows")
    {
        Description = "A directory to search for workflow files first (repeatable).",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Data directory (run workspaces under runs/); default ORCHESTRATOR_DATA_DIR, else $XDG_DATA_HOME/orchestrator.",
        HelpName = "DIR",
    };

    public static Option<string?> Input() => new("--input") { Description = "The input: a JSON file, or - for standard input.", HelpName = "FILE|-" };

    public static Option<string[]> Config() => new("--config")
    {
        Description = "Config over the plugin defaults (and the workflow's config): key=value, the value read as JSON when it parses, else as a string. Repeatable.",
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<int?> Port() => new("--port") { Description = "Port the sidecar listens on (default 4001; 0 picks a free one)." };
}
