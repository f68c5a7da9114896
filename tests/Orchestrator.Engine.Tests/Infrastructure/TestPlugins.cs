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
    public static void External(TempDirectory root, string name, string phasesYaml, string phaseNames, string executeBody) =>
        ScriptPlugin.Write(root.Combine("plugins"), name, phasesYaml, phaseNames, executeBody);
}
