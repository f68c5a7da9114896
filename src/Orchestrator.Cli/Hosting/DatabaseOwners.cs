using Orchestrator.Cli.Invocation;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Reads who owns a sqlite database file (its owner record, docs/backends.md#one-owner-per-file), for the commands that
/// use the owner's sidecar instead of opening the file themselves (<c>run</c>, <c>runs</c>).
/// </summary>
internal static class DatabaseOwners
{
    // An owner that is starting records its address within a second or so; a brief owner (runs) lets go as quickly.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The live owner whose sidecar to use, or null when no process holds the file (a stale record left by a killed
    /// process counts as none). An owner still starting, or holding the file only briefly, is waited for a few seconds.
    /// </summary>
    /// <exception cref="CommandFailedException">A live owner has no sidecar address to connect to.</exception>
    public static async Task<SqliteDatabaseOwner?> FindAsync(string databasePath, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SettleTime;
        while (true)
        {
            var owner = Live(databasePath);
            if (owner is null || (owner.Address is not null && !OwnerRoles.IsBrief(owner.Role)))
            {
                return owner;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return owner.Address is not null
                    ? owner
                    : throw new CommandFailedException(
                        new SqliteDatabaseInUseException(databasePath, owner, innerException: null).Message,
                        ["That process has no sidecar this command could use; stop it, or give this command another --database FILE."]);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Waits (a few seconds at most) while a brief owner holds the file, so a service starting meanwhile is not refused.</summary>
    public static async Task WaitWhileBriefAsync(string databasePath, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SettleTime;
        while (Live(databasePath) is { } owner && OwnerRoles.IsBrief(owner.Role) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>The owner record, when its process still holds the file.</summary>
    public static SqliteDatabaseOwner? Live(string databasePath) =>
        SqliteDatabaseOwner.TryRead(databasePath) is { } owner && owner.IsAlive() ? owner : null;
}
