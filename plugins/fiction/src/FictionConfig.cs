using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Fiction;

/// <summary>The fiction plugin's effective config, with the manifest's defaults.</summary>
internal sealed record FictionConfig(string Genre, int TargetWords, string Tone, double Temperature)
{
    public static FictionConfig Read(PhaseScope scope) => new(
        scope.Config.GetChoice("genre", "literary", StoryBible.Genres),
        scope.Config.GetInt("target_words", 3000, 500, 20000),
        scope.Config.GetString("tone", "warm"),
        scope.Config.GetDouble("temperature", 0.7, 0, 2));
}
