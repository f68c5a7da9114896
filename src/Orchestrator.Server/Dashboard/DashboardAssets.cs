using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Orchestrator.Server.Dashboard;

/// <summary>
/// The dashboard's files (Dashboard/Assets, embedded in this assembly by the project file), read once: the server
/// needs nothing on disk and nothing from another host to serve them (docs/dashboard.md#how-it-is-served).
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, DashboardAsset> _files;

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        _files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
    }

    /// <summary>The page every dashboard route answers with; its scripts draw the page the address names.</summary>
    public DashboardAsset Page => _files["index.html"];

    /// <summary>The asset at <paramref name="name"/> (e.g. <c>app.js</c>, <c>pages/runs.js</c>), if there is one.</summary>
    public DashboardAsset? Find(string name) => _files.GetValueOrDefault(name);

    private static DashboardAsset Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded dashboard file {resource} cannot be read");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(resource), "application/octet-stream");
        return new DashboardAsset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
    }
}
