using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Code;

/// <summary>The code plugin's effective config, with the manifest's defaults.</summary>
internal sealed record CodeConfig(string Language, string? TestFramework, int MaxFiles, string StyleGuide)
{
    public static CodeConfig Read(PhaseScope scope)
    {
        var framework = scope.Config.GetString("test_framework", string.Empty);
        return new(
            scope.Config.GetChoice("language", "csharp", LanguageTemplate.Languages),
            framework.Length == 0 ? null : framework,
            scope.Config.GetInt("max_files", 40, 1, 200),
            scope.Config.GetString("style_guide", ".editorconfig"));
    }
}
