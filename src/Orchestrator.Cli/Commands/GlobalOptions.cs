using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>Options accepted by every command.</summary>
internal static class GlobalOptions
{
    /// <summary><c>--plugins DIR</c>, repeatable, usable after any subcommand; searched before every other plugin path.</summary>
    public static Option<string[]> CreatePlugins() => new("--plugins")
    {
        Description = "A directory to search for plugins first (repeatable; highest precedence first).",
        HelpName = "DIR",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
