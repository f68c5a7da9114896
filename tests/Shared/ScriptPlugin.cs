namespace Orchestrator.Testing;

/// <summary>Writes an external executable plugin (bash, process protocol v1) into a plugins directory.</summary>
public static class ScriptPlugin
{
    public static void Write(string pluginsDirectory, string name, string phasesYaml, string phaseNames, string executeBody)
    {
        var directory = Path.Combine(pluginsDirectory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "plugin.yaml"), $"""
            name: {name}
            version: 1.0.0
            type: external
            binary: true
            entry_point: run.sh
            domains: [test]
            phases:
            {phasesYaml}
            """);
        var script = Path.Combine(directory, "run.sh");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            case "$1" in
              info) echo '{"name":"{{name}}","version":"1.0.0","protocol":1,"phases":[{{phaseNames}}]}' ;;
              validate) exit 0 ;;
              execute)
                request=$(cat)
            {{executeBody}}
                ;;
              *) echo "unknown command $1" >&2; exit 2 ;;
            esac
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
