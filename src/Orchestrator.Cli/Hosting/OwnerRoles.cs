namespace Orchestrator.Cli.Hosting;

/// <summary>
/// What a command writes into the owner record of a sqlite database it opens, and what another command concludes from
/// it (docs/backends.md#one-owner-per-file): whether the owner runs a worker, and whether it is about to go away.
/// </summary>
internal static class OwnerRoles
{
    public const string Run = "orchestrator run";

    public const string Runs = "orchestrator runs";

    public const string Worker = "orchestrator worker";

    public const string Serve = "orchestrator serve";

    public const string Sidecar = "orchestrator sidecar";

    /// <summary>Whether the owner runs a worker on its own sidecar, so a client of it needs none.</summary>
    public static bool HasWorker(string? role) => role is Run or Worker or Serve;

    /// <summary>Whether the owner holds the database only for a moment (<c>runs list</c> with nothing else running).</summary>
    public static bool IsBrief(string? role) => role is Runs;
}
