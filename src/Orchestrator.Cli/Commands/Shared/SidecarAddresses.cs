using System.CommandLine;
using Orchestrator.Cli.Invocation;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary><c>--sidecar ADDRESS</c>, declared once, and how an address given to it is checked and defaulted.</summary>
internal static class SidecarAddresses
{
    /// <summary>Where <c>runs</c> connects when neither --sidecar nor ORCHESTRATOR_SIDECAR says and the backend is not sqlite.</summary>
    public const string DefaultClient = "http://127.0.0.1:4001";

    public const string Variable = "ORCHESTRATOR_SIDECAR";

    /// <summary><c>--sidecar</c> of <c>run</c>, <c>worker</c> and <c>serve</c>: a running sidecar instead of an embedded one.</summary>
    public static Option<string?> EngineOption() => new("--sidecar")
    {
        Description = "Use the sidecar at this address instead of starting an embedded one (for run: a worker must serve it, e.g. `orchestrator worker`).",
        HelpName = "ADDRESS",
    };

    /// <summary><c>--sidecar</c> of <c>runs</c>: the sidecar to talk to.</summary>
    public static Option<string?> ClientOption() => new("--sidecar")
    {
        Description = $"The sidecar address (default: {Variable}, else the sidecar of the process that owns the database, else the database itself).",
        HelpName = "ADDRESS",
    };

    /// <summary>Why <paramref name="address"/> is not a sidecar address, or null when it is one.</summary>
    public static string? Problem(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : $"--sidecar '{address}' is not an http:// or https:// address, e.g. http://127.0.0.1:4001";

    /// <summary>The address <c>runs</c> was told to talk to: --sidecar, else ORCHESTRATOR_SIDECAR, else null; a malformed one is a usage error.</summary>
    public static string? Given(string? given, CliContext context)
    {
        var address = given ?? (context.Discovery.Environment.TryGetValue(Variable, out var value) && value.Length > 0 ? value : null);
        return address is not null && Problem(address) is { } problem ? throw new UsageException(problem) : address;
    }
}
