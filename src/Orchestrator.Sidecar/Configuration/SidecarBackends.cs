namespace Orchestrator.Sidecar.Configuration;

/// <summary>The backend names accepted by <see cref="SidecarOptions.Backend"/>.</summary>
public static class SidecarBackends
{
    /// <summary>In-memory emulator: state is lost when the sidecar stops.</summary>
    public const string Memory = "memory";

    /// <summary>Durable Task Azure Storage backend (Azure Storage or Azurite): state survives restarts.</summary>
    public const string AzureStorage = "azure-storage";

    /// <summary>Embedded SQLite database file (Orchestrator.Storage.Sqlite): state survives restarts, nothing to install.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyList<string> All { get; } = [Memory, AzureStorage, Sqlite];

    /// <summary>Whether a backend keeps its state when the sidecar process stops.</summary>
    /// <param name="backend">A backend name.</param>
    /// <returns><c>true</c> for durable backends.</returns>
    public static bool SurvivesRestart(string backend) =>
        Is(backend, AzureStorage) || Is(backend, Sqlite);

    /// <summary>Whether <paramref name="backend"/> names <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="backend">A configured backend name.</param>
    /// <param name="name">One of the constants of this class.</param>
    /// <returns><c>true</c> when they match.</returns>
    public static bool Is(string? backend, string name) => string.Equals(backend, name, StringComparison.OrdinalIgnoreCase);
}
