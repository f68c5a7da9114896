using System.Text.Json.Serialization;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Output of the <c>premise</c> phase.</summary>
internal sealed record PremiseOutput(
    string Premise, string Title, string Logline, string Theme, string PointOfView, string Tense,
    string Genre, string Tone, int Chapters, IReadOnlyList<string> Keywords, string? Brief);

/// <summary>Output of the <c>worldbuilding</c> phase.</summary>
internal sealed record WorldOutput(string Place, string Era, IReadOnlyList<string> Rules, string History, IReadOnlyList<string> Locations, string File);

/// <summary>One member of the cast.</summary>
internal sealed record CharacterSheet(string Name, string Role, string Goal, string Flaw, string Arc);

/// <summary>Output of the <c>characters</c> phase.</summary>
internal sealed record CastOutput(IReadOnlyList<CharacterSheet> Characters, string File)
{
    [JsonIgnore]
    public CharacterSheet Protagonist => Characters[0];

    [JsonIgnore]
    public CharacterSheet Antagonist => Characters[1];
}

/// <summary>One scene of the outline: who is in it, where, and what changes.</summary>
internal sealed record ScenePlan(int Number, IReadOnlyList<string> Who, string Where, string Change);

/// <summary>One chapter of the outline.</summary>
internal sealed record ChapterPlan(int Number, int Act, string Title, IReadOnlyList<ScenePlan> Scenes);

/// <summary>Output of the <c>outline</c> phase.</summary>
internal sealed record OutlineOutput(IReadOnlyList<ChapterPlan> Chapters, int WordsPerScene, string File);

/// <summary>A written chapter file and its length.</summary>
internal sealed record ChapterFile(int Number, string Title, string File, int Words);

/// <summary>Output of the <c>draft</c> and <c>revise</c> phases.</summary>
internal sealed record ManuscriptDraft(IReadOnlyList<ChapterFile> Chapters, int TotalWords, IReadOnlyList<string> Changes);

/// <summary>One problem the critique found, located by scene (<c>chapter.scene</c>).</summary>
internal sealed record CritiqueIssue(string Scene, string Kind, string Detail);

/// <summary>Output of the <c>critique</c> phase.</summary>
internal sealed record CritiqueOutput(IReadOnlyList<CritiqueIssue> Issues, string File);

/// <summary>Output of the <c>compile</c> phase.</summary>
internal sealed record CompileOutput(string Manuscript, string Title, int Words, int Chapters);
