namespace Orchestrator.Plugins.Manifests;

/// <summary>Builds field paths as shown in problems: <c>phases[2].timeout</c>, <c>prompts.draft</c>.</summary>
internal static class FieldPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
