using System.Collections.Immutable;

namespace Orchestrator.Plugins.Processes.Sandbox;

/// <summary>
/// The bubblewrap command line of one call (docs/process-protocol.md#sandbox). The sandbox starts from an empty root
/// and shows only: the system directories read-only, a few files of /etc that interpreters need, a fresh /proc of its
/// own PID namespace (read-only), a minimal /dev, a private /tmp, the plugin directory read-only and the run's workspace
/// read-write. The sandbox's init dies with bwrap, and bwrap with the thread that started it, so every descendant
/// dies with the call.
/// </summary>
internal static class BwrapArguments
{
    /// <summary>The entries of /etc mounted read-only (when present): the dynamic linker cache, alternatives, users, name
    /// resolution, TLS roots, time zone and locale aliases, and Debian's python configuration.</summary>
    public static readonly ImmutableArray<string> EtcEntries =
    [
        "ld.so.cache", "alternatives", "passwd", "group", "nsswitch.conf", "hosts", "host.conf", "resolv.conf", "gai.conf",
        "services", "protocols", "ssl", "pki", "crypto-policies", "localtime", "timezone", "locale.alias",
        "mime.types", "os-release",
    ];

    private static readonly ImmutableArray<string> TopLevel = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    private static readonly Lazy<ImmutableArray<string>> SystemPart = new(BuildSystemPart);

    /// <summary>Everything between <c>bwrap</c> and the <c>--</c> that precedes the command.</summary>
    public static IEnumerable<string> For(SandboxSpec spec, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var argument in SystemPart.Value)
        {
            yield return argument;
        }

        if (!spec.Network)
        {
            yield return "--unshare-net";
        }

        yield return "--ro-bind";
        yield return spec.PluginDirectory;
        yield return spec.PluginDirectory;
        if (spec.Workspace is { } workspace)
        {
            yield return "--bind";
            yield return workspace;
            yield return workspace;
        }

        // Last, once every mount point exists: nothing outside the mounts above can be written.
        yield return "--remount-ro";
        yield return "/";
        yield return "--chdir";
        yield return workingDirectory;
    }

    private static ImmutableArray<string> BuildSystemPart()
    {
        var arguments = ImmutableArray.CreateBuilder<string>();
        arguments.AddRange(
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--ro-bind", "/usr", "/usr");
        foreach (var path in TopLevel)
        {
            // On merged-/usr systems these are links into /usr; elsewhere they are directories of their own.
            if (new DirectoryInfo(path).LinkTarget is { } target)
            {
                arguments.AddRange("--symlink", target, path);
            }
            else if (Directory.Exists(path))
            {
                arguments.AddRange("--ro-bind", path, path);
            }
        }

        foreach (var entry in EtcEntries.Concat(PythonEtcEntries()))
        {
            var path = "/etc/" + entry;
            if (File.Exists(path) || Directory.Exists(path))
            {
                arguments.AddRange("--ro-bind-try", path, path);
            }
        }

        // /proc is mounted before it is made read-only: as root without capabilities a process could still write
        // global sysctls through a writable /proc/sys.
        arguments.AddRange("--proc", "/proc", "--remount-ro", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
        return arguments.ToImmutable();
    }

    private static IEnumerable<string> PythonEtcEntries()
    {
        try
        {
            return Directory.Exists("/etc")
                ? [.. Directory.EnumerateDirectories("/etc", "python3*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
