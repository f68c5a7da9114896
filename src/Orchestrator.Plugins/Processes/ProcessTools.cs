namespace Orchestrator.Plugins.Processes;

/// <summary>The OS tools used to isolate plugin executables, looked up once on the host's PATH.</summary>
internal static class ProcessTools
{
    private static readonly Lazy<string?> SetsidPath = new(() => Find("setsid"));
    private static readonly Lazy<string?> PrlimitPath = new(() => Find("prlimit"));
    private static readonly Lazy<string?> NicePath = new(() => Find("nice"));
    private static readonly Lazy<string?> BwrapPath = new(() => Find("bwrap"));
    private static readonly Lazy<string?> TruePath = new(() => Find("true"));

    /// <summary><c>setsid</c>: starts the executable in its own session and process group (Linux util-linux).</summary>
    public static string? Setsid => OperatingSystem.IsWindows() ? null : SetsidPath.Value;

    /// <summary><c>prlimit</c>: applies RLIMIT_AS before exec (Linux util-linux).</summary>
    public static string? Prlimit => OperatingSystem.IsLinux() ? PrlimitPath.Value : null;

    /// <summary><c>nice</c>: starts the executable at a lower scheduling priority (coreutils).</summary>
    public static string? Nice => OperatingSystem.IsWindows() ? null : NicePath.Value;

    /// <summary><c>bwrap</c>: bubblewrap, the sandbox of executable plugins (Linux, Debian package <c>bubblewrap</c>).</summary>
    public static string? Bwrap => OperatingSystem.IsLinux() ? BwrapPath.Value : null;

    /// <summary><c>true</c>: what the sandbox check runs inside a sandbox (coreutils).</summary>
    public static string? True => OperatingSystem.IsWindows() ? null : TruePath.Value;

    private static string? Find(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/bin"))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)
            {
                return candidate;
            }
        }

        return null;
    }
}
