namespace Orchestrator.Engine.Tests.Infrastructure;

/// <summary>Writes plugin directories for the tests.</summary>
public static class TestPlugins
{
    public static void BuiltIn(TempDirectory root, string name, string phasesYaml, string extra = "") =>
        root.Write($"plugins/{name}/plugin.yaml", $"""
            name: {name}
            version: 1.0.0
            type: builtin
            domains: [test]
            {extra}
            phases:
            {phasesYaml}
            """);

    /// <summary>An external executable plugin whose entry point is a bash script (process protocol v1).</summary>
    public static void External(TempDirectory root, string name, string phasesYaml, string phaseNames, string executeBody)
    {
        root.Write($"plugins/{name}/plugin.yaml", $"""
            name: {name}
            version: 1.0.0
            type: external
            binary: true
            entry_point: run.sh
            domains: [test]
            phases:
            {phasesYaml}
            """);
        var script = root.Write($"plugins/{name}/run.sh", $$"""
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
