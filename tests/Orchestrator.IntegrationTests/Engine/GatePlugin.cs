namespace Orchestrator.IntegrationTests.Engine;

/// <summary>An executable plugin of two phases, prepare and publish; the run waits for approval before publish.</summary>
internal static class GatePlugin
{
    public static void Write(string pluginsDirectory, string name) =>
        ScriptPlugin.Write(pluginsDirectory, name, """
              - name: prepare
                order: 1
              - name: publish
                order: 2
                approval: true
            """, "\"prepare\",\"publish\"", """
                echo "{\"output\":\"$2 done\"}"
            """);
}
