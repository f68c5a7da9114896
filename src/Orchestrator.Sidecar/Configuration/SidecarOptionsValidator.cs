using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Orchestrator.Sidecar.Configuration;

/// <summary>Checks <see cref="SidecarOptions"/> on start; every failure names the setting and what to fix.</summary>
public sealed partial class SidecarOptionsValidator : IValidateOptions<SidecarOptions>
{
    private static readonly TimeSpan MinimumLeaseTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan MaximumLeaseTimeout = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SidecarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Lists what is wrong with the options (empty when they are valid).</summary>
    /// <param name="options">The options.</param>
    /// <returns>One message per problem.</returns>
    public static IEnumerable<string> Problems(SidecarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isAzure = SidecarBackends.Is(options.Backend, SidecarBackends.AzureStorage);
        var isSqlite = SidecarBackends.Is(options.Backend, SidecarBackends.Sqlite);
        if (!isAzure && !isSqlite && !SidecarBackends.Is(options.Backend, SidecarBackends.Memory))
        {
            yield return $"Sidecar:Backend '{options.Backend}' is not a backend: use {string.Join(" or ", SidecarBackends.All)}.";
        }

        if (SidecarAddress.TryParseHost(options.Host) is null)
        {
            yield return $"Sidecar:Host '{options.Host}' is not an IP address: use 127.0.0.1 (default), ::1, 0.0.0.0 or another address of this machine.";
        }

        if (options.Port is < 0 or > IPEndPoint.MaxPort)
        {
            yield return $"Sidecar:Port {options.Port} is out of range: use 0 (a free port) to {IPEndPoint.MaxPort}.";
        }

        if (options.Concurrency < 1)
        {
            yield return $"Sidecar:Concurrency {options.Concurrency} must be at least 1.";
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            yield return $"Sidecar:ShutdownTimeout {options.ShutdownTimeout} must not be negative.";
        }

        if (isSqlite)
        {
            foreach (var problem in SqliteProblems(options))
            {
                yield return problem;
            }

            yield break;
        }

        if (!isAzure)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            yield return "Sidecar:ConnectionString is required for the azure-storage backend: pass --connection UseDevelopmentStorage=true for a local Azurite, or an Azure Storage connection string.";
        }

        if (!TaskHubName().IsMatch(options.TaskHub ?? string.Empty))
        {
            yield return $"Sidecar:TaskHub '{options.TaskHub}' is not a valid task hub name: use 3 to 45 letters and digits, starting with a letter.";
        }

        if (options.Partitions is < 1 or > 16)
        {
            yield return $"Sidecar:Partitions {options.Partitions} is out of range: use 1 to 16.";
        }

        if (!WorkerIdPattern().IsMatch(options.WorkerId ?? string.Empty))
        {
            yield return $"Sidecar:WorkerId '{options.WorkerId}' is not a worker id: use 1 to 63 letters, digits, '.', '-' or '_', starting with a letter or digit (e.g. node-1); each node on a task hub needs its own.";
        }

        if (options.LeaseTimeout < MinimumLeaseTimeout || options.LeaseTimeout > MaximumLeaseTimeout)
        {
            yield return $"Sidecar:LeaseTimeout {options.LeaseTimeout} is out of range: use {MinimumLeaseTimeout.TotalSeconds:0} to {MaximumLeaseTimeout.TotalSeconds:0} seconds (default {SidecarOptions.DefaultLeaseTimeout.TotalSeconds:0}; leases are renewed every third of it).";
        }

        foreach (var problem in TimingProblems(options))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> SqliteProblems(SidecarOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            yield return "Sidecar:DatabasePath is required for the sqlite backend: pass --database FILE (default ~/.local/share/orchestrator/orchestrator.db).";
        }
        else if (Directory.Exists(options.DatabasePath))
        {
            yield return $"Sidecar:DatabasePath '{options.DatabasePath}' is a directory: give the path of a database file, e.g. {Path.Combine(options.DatabasePath, "orchestrator.db")}.";
        }

        foreach (var problem in TimingProblems(options))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> TimingProblems(SidecarOptions options)
    {
        if (options.PollingInterval <= TimeSpan.Zero)
        {
            yield return $"Sidecar:PollingInterval {options.PollingInterval} must be positive (e.g. 00:00:01).";
        }

        if (options.VisibilityTimeout < TimeSpan.FromSeconds(3))
        {
            yield return $"Sidecar:VisibilityTimeout {options.VisibilityTimeout} is too short: use at least 3 seconds (locks are renewed every third of it).";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex WorkerIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();
}
