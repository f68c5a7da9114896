using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>
/// Reads the request (<c>project</c>, <c>request</c>, <c>features</c>, optional <c>language</c>) and lists
/// requirements, constraints, acceptance criteria and the questions its vague words raise.
/// </summary>
internal sealed class AnalyzePhase : PhaseBase
{
    private static readonly string[] VagueWords = ["fast", "easy", "simple", "etc", "some", "maybe", "various", "nice", "soon", "user-friendly"];

    private static readonly HashSet<string> Reserved = new(
        ["class", "def", "import", "from", "return", "func", "package", "type", "var", "const", "new", "static", "public", "string", "int", "main", "test", "tests", "default", "program", "index", "cmd", "interface", "switch", "case", "for", "if", "else", "while", "in", "is", "not", "and", "or", "as"],
        StringComparer.Ordinal);

    public override string Name => "analyze";

    protected override Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = CodeConfig.Read(scope);
        const string Example = "{\"project\": \"Weather Report\", \"request\": \"A CLI that reads forecasts\", \"features\": [\"parse forecasts\", \"convert units\"]}";
        var project = scope.Input.RequireString("project", 80, Example);
        if (Naming.Words(project).Count == 0)
        {
            throw new PhaseInputException($"Input field \"project\" is \"{project}\"; it needs at least one letter or digit to name the generated project.");
        }

        var request = scope.Input.OptionalString("request", 4000) ?? string.Empty;
        var language = scope.Input.OptionalString("language", 20) is { } chosen
            ? LanguageTemplate.Languages.Contains(chosen) ? chosen
                : throw new PhaseInputException($"Input field \"language\" is \"{chosen}\"; it must be one of {string.Join(", ", LanguageTemplate.Languages)}.")
            : config.Language;
        var features = new List<FeatureSpec>();
        foreach (var feature in scope.Input.RequireStrings("features", 50, Example))
        {
            var identifier = Naming.SnakeCase(feature, "feature");
            if (Naming.Words(feature).Count == 0)
            {
                throw new PhaseInputException($"Feature \"{feature}\" has no letters or digits to name a module after; describe it in words, for example \"convert units\".");
            }

            identifier = Reserved.Contains(identifier) ? identifier + "_feature" : identifier;
            if (features.Any(f => f.Identifier == identifier))
            {
                throw new PhaseInputException($"Features \"{features.First(f => f.Identifier == identifier).Name}\" and \"{feature}\" both become module '{identifier}'; give them distinct names.");
            }

            features.Add(new FeatureSpec(feature, identifier, Naming.PascalCase(identifier, "Feature"), Naming.Capitalize(feature.TrimEnd('.')) + "."));
        }

        var questions = VagueWords
            .Where(word => Naming.Words(request + " " + string.Join(' ', features.Select(f => f.Name))).Contains(word))
            .Select(word => $"The request says \"{word}\": what measurable result is meant?")
            .ToList();
        var output = new AnalysisOutput(
            project,
            language,
            request,
            features,
            [.. features.Select(f => $"The project must {f.Name.TrimEnd('.')}."), $"It is written in {language}.", $"It follows {config.StyleGuide}."],
            [.. features.SelectMany(f => new[] { $"{f.Identifier}: describe() returns \"{f.Summary}\"", $"{f.Identifier}: apply(\"x\") returns \"{f.Identifier}(x)\" and an empty value is refused" })],
            questions,
            scope.Brief);
        scope.Context.SetMetadata("code.language", language);
        scope.Context.SetMetadata("code.project", project);
        return Task.FromResult(scope.Context.ToResult(output));
    }
}
