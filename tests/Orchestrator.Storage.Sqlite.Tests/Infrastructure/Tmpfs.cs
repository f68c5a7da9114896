using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Tests.Infrastructure;

/// <summary>A small tmpfs mounted on a directory (root only), unmounted on dispose, also when the test fails.</summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(string path, int megabytes)
    {
        Path = path;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
    }

    public static bool CanMount => Environment.UserName == "root";

    public string Path { get; }

    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{file} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }
}
