using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Docs;

/// <summary>Shared pieces of generated pages.</summary>
internal static class DocsPages
{
    public static string Footer(PagePlan page) => page.Kind == "guide"
        ? "\n---\n\n[Back to the index](../index.md)\n"
        : "\n---\n\n[Back to the index](../index.md) · [Getting started](../guides/getting-started.md)\n";

    /// <summary>The folder the collect phase read, resolved the same way.</summary>
    public static string SourceRoot(PhaseScope scope, CollectOutput collected) => Path.GetFullPath(Path.Combine(scope.Workspace.Root, collected.Source));

    public static string KindExplanation(string kind) => kind switch
    {
        "class" or "record" or "struct" or "record struct" or "record class" => "A type you create instances of; its members are listed below it.",
        "interface" => "A contract other types implement.",
        "enum" => "A fixed set of named values.",
        "function" or "method" => "Something you call with arguments to get a result.",
        "property" or "const" or "let" or "var" => "A named value you read (and sometimes set).",
        _ => "A named part of the public API.",
    };
}
