namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>Turns manifest-like text (plugin manifests, workflow files) into a node tree, reporting what stops it.</summary>
internal static class DocumentParser
{
    /// <summary>Parses <paramref name="text"/>; on failure the problem is recorded and null returned.</summary>
    /// <param name="text">The document, with or without a byte order mark.</param>
    /// <param name="format">YAML or JSON.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="documentKind">What the document is, for messages ("manifest", "workflow").</param>
    /// <param name="cancellationToken">Cancels parsing.</param>
    public static ManifestNode? Parse(string text, ManifestFormat format, ProblemCollector problems, string documentKind, CancellationToken cancellationToken)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Error(string.Empty, 1, $"the {documentKind} is empty");
            return null;
        }

        try
        {
            return format == ManifestFormat.Yaml
                ? YamlTreeReader.Read(text, problems, cancellationToken)
                : JsonTreeReader.Read(text, problems, cancellationToken);
        }
        catch (ManifestSyntaxException ex)
        {
            problems.Error(ex.FieldPath, ex.Line, ex.Message);
            return null;
        }
    }
}
