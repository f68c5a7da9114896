namespace Orchestrator.Sidecar.Configuration;

/// <summary>The backend names accepted by <see cref="SidecarOptions.Backend"/>.</summary>
public static class SidecarBackends
{
    /// <summary>In-memory emulator: state is lost when the sidecar stops.</summary>
    public const string Memory = "memory";

    /// <summary>Durable Task Azure Storage backend (Azure Storage or Azurite): state survives restarts.</summary>
    public const string AzureStorage = "azure-storage";

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyList<string> All { get; } = [Memory, AzureStorage];

    /// <summary>Whether a backend keeps its state when the sidecar process stops.</summary>
    /// <param name="backend">A backend name.</param>
    /// <returns><c>true</c> for durable backends.</returns>
    public static bool SurvivesRestart(string backend) =>
        string.Equals(backend, AzureStorage, StringComparison.OrdinalIgnoreCase);
}
