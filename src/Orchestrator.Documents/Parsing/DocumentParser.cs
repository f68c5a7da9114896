using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Parsing;

/// <summary>
/// Turns document text (plugin manifests, workflow files) into a <see cref="DocumentNode"/> tree, the same for YAML
/// and JSON: nesting, aliases and expanded size are bounded (<see cref="ParseLimits"/>), duplicate keys are
/// rejected, every node knows its line, and what stops parsing becomes a problem instead of an exception.
/// </summary>
public static class DocumentParser
{
    /// <summary>Parses <paramref name="text"/>; on failure the problem is recorded and null returned.</summary>
    /// <param name="text">The document, with or without a byte order mark.</param>
    /// <param name="format">YAML or JSON.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="documentKind">What the document is, for messages ("manifest", "workflow").</param>
    /// <param name="cancellationToken">Cancels parsing.</param>
    /// <returns>The root node, or null when the text cannot be parsed (the reason is in <paramref name="problems"/>).</returns>
    public static DocumentNode? Parse(string text, DocumentFormat format, ProblemCollector problems, string documentKind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(documentKind);
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
            return format == DocumentFormat.Yaml
                ? YamlTreeReader.Read(text, problems, documentKind, cancellationToken)
                : JsonTreeReader.Read(text, problems, documentKind, cancellationToken);
        }
        catch (DocumentSyntaxException ex)
        {
            problems.Error(ex.FieldPath, ex.Line, ex.Message);
            return null;
        }
    }

    /// <summary>The format a file name implies.</summary>
    /// <param name="file">A file name or path.</param>
    /// <returns>YAML for <c>.yaml</c>/<c>.yml</c>, JSON for <c>.json</c> (any case); null for any other name.</returns>
    public static DocumentFormat? FormatOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => DocumentFormat.Yaml,
        ".json" => DocumentFormat.Json,
        _ => null,
    };
}
