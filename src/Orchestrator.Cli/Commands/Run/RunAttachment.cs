using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>
/// Where <c>run</c> starts (or resumes) and follows its run (docs/backends.md#how-run-and-runs-find-the-owner):
/// the sidecar given with <c>--sidecar</c>, as a client; else, when a live process owns the sqlite database, that
/// process's sidecar (as a client when the owner runs a worker, else as its worker if it has none yet); else an
/// embedded sidecar on the database with this process's worker.
/// </summary>
internal sealed class RunAttachment : IAsyncDisposable
{
    // How long a graceful stop of the owner may take before its sidecar is taken to be gone for good.
    private static readonly TimeSpan OwnerStopTime = TimeSpan.FromSeconds(30);

    // Two commands may reach for a free database at the same instant; the one refused looks again.
    private const int OpenAttempts = 3;

    private AttachmentParts _parts;

    private RunAttachment(AttachmentParts parts) => _parts = parts;

    public EngineProcess Process => _parts.Process;

    /// <summary>The owner whose sidecar this process uses; null when the sidecar is this process's own or given with --sidecar.</summary>
    public SqliteDatabaseOwner? Owner => _parts.Owner;

    /// <summary>Whether the run survives this process (a durable backend, or someone else's sidecar).</summary>
    public bool IsDurable => _parts.Target.Embedded is not { } embedded || SidecarBackends.SurvivesRestart(embedded.Backend);

    /// <summary>Where the runs are kept, as a message names it: <c>the database FILE</c>, <c>the sidecar at ADDRESS</c>, a task hub.</summary>
    public string Store => _parts.Target switch
    {
        { Address: { } address } => $"the sidecar at {address}",
        { Embedded: { } embedded } when SidecarBackends.Is(embedded.Backend, SidecarBackends.AzureStorage) => $"task hub '{embedded.TaskHub}'",
        { Embedded: { } embedded } when SidecarBackends.Is(embedded.Backend, SidecarBackends.Sqlite) => $"the database {embedded.DatabasePath}",
        _ => "this process's memory",
    };

    public static async Task<RunAttachment> OpenAsync(
        CliContext context, SidecarTarget target, EngineSettings settings, CliLogging logging, CancellationToken cancellationToken) =>
        new(await OpenPartsAsync(context, target, settings, logging, cancellationToken));

    /// <summary>
    /// After a call to the owner's sidecar failed: when the owner went away (killed, or stopped), this process takes the
    /// run over — it opens the database itself, or uses its new owner — and returns the owner that was lost. Null when
    /// this process is not a client of an owner, or the owner is still there after a graceful stop would have ended.
    /// </summary>
    public async Task<SqliteDatabaseOwner?> TryReattachAsync(CliContext context, EngineSettings settings, CliLogging logging, CancellationToken cancellationToken)
    {
        if (_parts.Owner is not { } owner || !await OwnerGoneAsync(owner, cancellationToken))
        {
            return null;
        }

        await _parts.Process.DisposeAsync();
        _parts = await OpenPartsAsync(context, _parts.Target, settings, logging, cancellationToken);
        return owner;
    }

    public ValueTask DisposeAsync() => _parts.Process.DisposeAsync();

    private static async Task<AttachmentParts> OpenPartsAsync(
        CliContext context, SidecarTarget target, EngineSettings settings, CliLogging logging, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryOpenAsync(context, target, settings, logging, cancellationToken);
            }
            catch (SidecarException ex) when (ex.InnerException is SqliteDatabaseInUseException && attempt < OpenAttempts)
            {
                // Another process took the database between the look at its owner record and the open: use that owner.
            }
        }
    }

    private static async Task<AttachmentParts> TryOpenAsync(
        CliContext context, SidecarTarget target, EngineSettings settings, CliLogging logging, CancellationToken cancellationToken)
    {
        if (target.Embedded is { } embedded && SidecarBackends.Is(embedded.Backend, SidecarBackends.Sqlite)
            && await DatabaseOwners.FindAsync(embedded.DatabasePath, cancellationToken) is { Address: { } address } owner)
        {
            var worker = OwnerRoles.HasWorker(owner.Role) ? EngineWorker.None : EngineWorker.IfFree;
            var client = await EngineProcess.StartAsync(context, SidecarTarget.At(address), settings, worker, logging, NoRetention, cancellationToken);
            return new AttachmentParts(client, target, owner);
        }

        var own = target.Address is null ? EngineWorker.Own : EngineWorker.None;
        return new AttachmentParts(await EngineProcess.StartAsync(context, target, settings, own, logging, NoRetention, cancellationToken), target, null);
    }

    // `run` never purges: retention is the job of the long-running worker and serve.
    private static void NoRetention(Engine.EngineOptions options) => options.EnableRetention = false;

    private static async Task<bool> OwnerGoneAsync(SqliteDatabaseOwner owner, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + OwnerStopTime;
        while (DatabaseOwners.Live(owner.DatabasePath) is { } live && live.ProcessId == owner.ProcessId && live.StartedAt == owner.StartedAt)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return true;
    }

    private sealed record AttachmentParts(EngineProcess Process, SidecarTarget Target, SqliteDatabaseOwner? Owner);
}
