using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Tests.Loading;

/// <summary>Proving that an assembly plugin's collectible load context unloads, and the test Greeter's phases.</summary>
internal static class LoadContexts
{
    public const string GreeterPhases = "  - name: greet\n    order: 1\n  - name: wait\n    order: 2\n    timeout: 200ms\n  - name: fail\n    order: 3\n  - name: where\n    order: 4\n";

    // In a frame of its own, so no temporary of the test method keeps the runtime (and its context) reachable.
    // Also records when the context starts unloading: collection alone would not prove Unload() was called.
    // retired: the context of a replaced version loaded from its snapshot rather than the current one.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference ContextOf(PluginCatalog catalog, PluginIdentity identity, StrongBox<bool> unloading, bool retired = false)
    {
        var reference = (retired ? catalog.RetiredLoadContextOf(identity) : catalog.LoadContextOf(identity))
            ?? throw new ShouldAssertException($"{identity} has no load context{(retired ? " loaded from its snapshot" : string.Empty)}");
        ((AssemblyLoadContext)reference.Target!).Unloading += _ => unloading.Value = true;
        return reference;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool WaitCollected(WeakReference context)
    {
        for (var i = 0; i < 100 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(20);
        }

        return !context.IsAlive;
    }
}
