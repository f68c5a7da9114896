using System.Reflection;
using Semver;

namespace Orchestrator.Plugins.Registry;

/// <summary>The running product's version, against which plugins' min_version/max_version are checked.</summary>
public static class OrchestratorVersion
{
    /// <summary>The informational version of this build (the <c>Version</c> in Directory.Build.props).</summary>
    public static SemVersion Current { get; } = Read(typeof(OrchestratorVersion).Assembly);

    /// <summary>Reads an assembly's informational version as SemVer.</summary>
    public static SemVersion Read(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var text = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (text is not null && SemVersion.TryParse(text, SemVersionStyles.Strict, out var version))
        {
            return version;
        }

        var fallback = assembly.GetName().Version ?? new Version(0, 0, 0);
        return new SemVersion(fallback.Major, fallback.Minor, Math.Max(fallback.Build, 0));
    }
}
