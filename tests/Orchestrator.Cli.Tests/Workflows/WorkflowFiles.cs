namespace Orchestrator.Cli.Tests.Workflows;

/// <summary>Writes real workflow files for the CLI tests.</summary>
internal static class WorkflowFiles
{
    public static string Write(string directory, string name, string plugin = "story", string version = "1.0.0", string fileName = "")
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, fileName.Length > 0 ? fileName : $"{name}.yaml");
        File.WriteAllText(file, $"name: {name}\ndescription: The {name} workflow.\nversion: {version}\nplugin: {plugin}\n");
        return file;
    }

    /// <summary>A file with two errors (line 1: name, line 3: retention) and one warning (line 4: an unknown key).</summary>
    public static string WriteBroken(string directory)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "broken.yaml");
        File.WriteAllText(file, "name: Not A Name\nplugin: story\nretention: soon\nstepz: []\n");
        return file;
    }
}
