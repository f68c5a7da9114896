using System.Reflection;
using System.Text.Json;

namespace Orchestrator.Plugins.Loading;

/// <summary>
/// System.Text.Json caches type metadata in every <see cref="JsonSerializerOptions"/> (the host's shared
/// <c>OrchestratorJson.Options</c> included): once a plugin serializes its own types, those caches hold them and
/// the plugin's collectible load context can never unload. The runtime clears the caches for hot reload through
/// a metadata update handler; unloading a plugin calls the same handler.
/// </summary>
internal static class SerializerCaches
{
    private static readonly MethodInfo? ClearCache = typeof(JsonSerializer).Assembly
        .GetType("System.Text.Json.JsonSerializerOptionsUpdateHandler")
        ?.GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Type[])]);

    /// <summary>True when this runtime offers the handler (it has since .NET 6).</summary>
    public static bool Available => ClearCache is not null;

    public static void Clear() => ClearCache?.Invoke(null, [null]);
}
