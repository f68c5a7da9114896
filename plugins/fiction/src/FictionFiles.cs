using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Reads back the chapter files a draft or revision wrote.</summary>
internal static class FictionFiles
{
    public static async Task<List<ChapterText>> ReadChaptersAsync(Workspace workspace, ManuscriptDraft draft, CancellationToken cancellationToken)
    {
        var chapters = new List<ChapterText>();
        foreach (var chapter in draft.Chapters)
        {
            if (!workspace.Exists(chapter.File))
            {
                throw new PhaseInputException($"Chapter file '{chapter.File}' is missing from the working directory '{workspace.Root}'; re-run the draft phase.");
            }

            chapters.Add(ChapterText.Parse(await workspace.ReadAsync(chapter.File, cancellationToken), chapter.File));
        }

        return chapters;
    }
}
