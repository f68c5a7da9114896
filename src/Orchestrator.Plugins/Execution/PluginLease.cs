using Orchestrator.Plugins.Loading;

namespace Orchestrator.Plugins.Execution;

/// <summary>One version of a plugin, held for one phase attempt; disposing it lets collection unload the version again.</summary>
internal sealed class PluginLease(CatalogEntry entry, Action? release) : IDisposable
{
    private Action? _release = release;

    public CatalogEntry Entry => entry;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
