namespace Orchestrator.Testing;

/// <summary>
/// A real executable plugin of five phases (one … five) for the retry tests (docs/running-workflows.md#retry-a-failed-run):
/// each phase appends "RUN_ID PHASE PASS" to a journal file, PASS being "pass" when the config has <c>pass: true</c>
/// and "-" otherwise; phase three fails without it. Phase one writes <c>one.txt</c> into the workspace; every phase's
/// output names the run it ran in and the phase outputs it saw. The journal is outside the workspaces, so the plugin
/// must run unsandboxed.
/// </summary>
public static class JournalPlugin
{
    public const string Name = "five";

    public static void Write(string pluginsDirectory, string journal)
    {
        ScriptPlugin.Write(pluginsDirectory, Name, """
              - name: one
                order: 1
              - name: two
                order: 2
              - name: three
                order: 3
              - name: four
                order: 4
              - name: five
                order: 5
            """, "\"one\",\"two\",\"three\",\"four\",\"five\"", $$$"""
                pass=-; [[ "$request" == *'"pass":true'* ]] && pass=pass
                echo "$ORCHESTRATOR_RUN_ID $2 $pass" >> '{{{journal}}}'
                if [ "$2" = three ] && [ "$pass" != pass ]; then echo "three needs pass=true" >&2; exit 1; fi
                [ "$2" = one ] && echo one > "$ORCHESTRATOR_WORKDIR/one.txt"
                saw=$(python3 -c 'import json,sys; print(",".join(sorted(json.load(sys.stdin)["context"]["phase_outputs"])))' <<<"$request")
                echo "{\"output\":{\"ran_in\":\"$ORCHESTRATOR_RUN_ID\",\"saw\":\"$saw\"}}"
            """);
        var manifest = Path.Combine(pluginsDirectory, Name, "plugin.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(
            "phases:", "config_schema:\n  type: object\n  properties:\n    pass: {type: boolean}\nphases:", StringComparison.Ordinal));
    }

    /// <summary>The journal lines of one run, without its id: "PHASE PASS".</summary>
    public static string[] Lines(string journal, string runId) =>
        [.. File.ReadAllLines(journal).Where(l => l.StartsWith(runId + " ", StringComparison.Ordinal)).Select(l => l[(runId.Length + 1)..])];
}
