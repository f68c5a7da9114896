namespace Orchestrator.Plugins.Docs;

/// <summary>A public type, function or member found in a source file.</summary>
internal sealed record Symbol(string Kind, string Name, string Signature, string? Doc, int Line);

/// <summary>A markdown heading.</summary>
internal sealed record Heading(int Level, string Text);

/// <summary>One source file of the inventory with what simple parsing found in it.</summary>
internal sealed record SourceFile(string Path, string Language, int Lines, string Summary, IReadOnlyList<Symbol> Symbols, IReadOnlyList<Heading> Headings);

/// <summary>Output of the <c>collect</c> phase.</summary>
internal sealed record CollectOutput(string Source, string Title, IReadOnlyList<SourceFile> Files, IReadOnlyList<string> Topics, IReadOnlyList<string> Skipped, string File);

/// <summary>A page the outline plans.</summary>
internal sealed record PagePlan(string Slug, string Title, string Kind, IReadOnlyList<string> Sources, IReadOnlyList<string> Questions)
{
    public string File => $"site/{(Kind == "guide" ? "guides" : "reference")}/{Slug}.md";
}

/// <summary>Output of the <c>outline</c> phase.</summary>
internal sealed record DocsOutline(string Title, string Audience, IReadOnlyList<PagePlan> Pages, IReadOnlyList<string> Omitted, string File);

/// <summary>Output of the <c>reference</c> and <c>guides</c> phases.</summary>
internal sealed record WrittenPages(IReadOnlyList<string> Files);

/// <summary>Output of the <c>review</c> phase.</summary>
internal sealed record ReviewOutput(int Pages, IReadOnlyList<string> Warnings);

/// <summary>A link that points at nothing.</summary>
internal sealed record BrokenLink(string File, int Line, string Target);

/// <summary>Output of the <c>link_check</c> phase.</summary>
internal sealed record LinkReport(int Checked, IReadOnlyList<BrokenLink> Broken, string File);

/// <summary>Output of the <c>publish</c> phase.</summary>
internal sealed record PublishOutput(string Index, IReadOnlyList<string> Pages);
