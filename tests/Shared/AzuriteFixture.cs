using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>
/// One Azurite for the test assembly's Azure Storage tests: ports chosen by the OS, a throwaway data directory, killed
/// (whole tree, by PID) on dispose. Fails — never skips — when ./build.sh test has not installed it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly TempDirectory _location = new("orch-azurite-");
    private AzuriteProcess? _azurite;
    private int _taskHubs;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>A task hub name no other test uses.</summary>
    public string NewTaskHub(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId % 10000}n{Interlocked.Increment(ref _taskHubs)}");

    public async ValueTask InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, _location.Path, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _location.Dispose();
    }
}
