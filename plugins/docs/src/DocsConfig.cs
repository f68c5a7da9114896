using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Docs;

/// <summary>The docs plugin's effective config, with the manifest's defaults.</summary>
internal sealed record DocsConfig(string Audience, string Format, int MaxPages)
{
    public static DocsConfig Read(PhaseScope scope) => new(
        scope.Config.GetChoice("audience", "practitioner", ["beginner", "practitioner", "expert"]),
        scope.Config.GetChoice("format", "markdown", ["markdown"]),
        scope.Config.GetInt("max_pages", 12, 1, 100));
}
