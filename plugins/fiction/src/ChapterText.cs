using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>A chapter file: <c># Chapter N: Title</c>, then <c>## Scene N</c> sections of paragraphs of sentences.</summary>
internal sealed partial class ChapterText(int number, string title, List<List<List<string>>> scenes)
{
    public int Number { get; } = number;

    public string Title { get; } = title;

    /// <summary>Scenes → paragraphs → sentences.</summary>
    public List<List<List<string>>> Scenes { get; } = scenes;

    public string FileName => $"chapters/{Number:00}-{Naming.Slug(Title)}.md";

    public int Words => Scenes.Sum(SceneWords);

    public static int SceneWords(List<List<string>> scene) => scene.Sum(p => p.Sum(Naming.CountWords));

    public string Render()
    {
        var text = new StringBuilder($"# Chapter {Number}: {Title}\n");
        foreach (var (scene, index) in Scenes.Select((scene, index) => (scene, index)))
        {
            text.Append($"\n## Scene {index + 1}\n");
            foreach (var paragraph in scene)
            {
                text.Append('\n').Append(string.Join(' ', paragraph)).Append('\n');
            }
        }

        return text.ToString();
    }

    public static ChapterText Parse(string text, string file)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var heading = HeadingPattern().Match(lines.FirstOrDefault() ?? string.Empty);
        if (!heading.Success)
        {
            throw new PhaseInputException($"Chapter file '{file}' does not start with '# Chapter N: Title'; it was changed outside the fiction plugin. Re-run the draft phase.");
        }

        var scenes = new List<List<List<string>>>();
        foreach (var line in lines.Skip(1).Where(line => line.Length > 0))
        {
            if (line.StartsWith("## Scene ", StringComparison.Ordinal))
            {
                scenes.Add([]);
            }
            else if (scenes.Count > 0)
            {
                scenes[^1].Add([.. SentenceBreak().Split(line.Trim())]);
            }
        }

        return new ChapterText(int.Parse(heading.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), heading.Groups[2].Value, scenes);
    }

    [GeneratedRegex(@"^# Chapter (\d+): (.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();
}
