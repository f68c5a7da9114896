namespace Orchestrator.SqliteTestHost;

/// <summary>Records each activity execution as a file, so a test in another process can count executions.</summary>
public static class Marks
{
    /// <summary>Marks that an execution of <paramref name="key"/> reached <paramref name="stage"/>.</summary>
    public static void Write(string dir, string key, string stage) =>
        File.WriteAllText(Path.Combine(dir, $"{key}.{Guid.NewGuid():N}.{stage}"), string.Empty);

    /// <summary>How many executions of <paramref name="key"/> reached <paramref name="stage"/>.</summary>
    public static int Count(string dir, string key, string stage) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir, $"{key}.*.{stage}").Length : 0;
}
