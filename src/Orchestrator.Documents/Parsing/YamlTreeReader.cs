using System.Text.RegularExpressions;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Documents.Parsing;

/// <summary>
/// Reads YAML into a <see cref="DocumentNode"/> tree by walking YamlDotNet's event parser iteratively
/// (never YamlStream, which recurses and overflows the stack on deep input), resolving plain scalars
/// with the YAML 1.2 core schema and bounding depth, aliases and expanded size.
/// </summary>
internal static partial class YamlTreeReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static DocumentNode Read(string text, ProblemCollector problems, string documentKind, CancellationToken cancellationToken)
    {
        var builder = new TreeBuilder(problems);
        var anchors = new Dictionary<string, (DocumentNode Node, long Weight)>(StringComparer.Ordinal);
        var parser = new Parser(new StringReader(text));
        var containerAnchors = new Stack<string?>();
        var aliases = 0;
        var documents = 0;
        var lastLine = 1;
        try
        {
            while (parser.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = parser.Current!;
                var line = (int)current.Start.Line;
                lastLine = (int)current.End.Line;
                switch (current)
                {
                    case DocumentStart when ++documents > 1:
                        throw new DocumentSyntaxException($"the file holds more than one YAML document; a {documentKind} is a single document", line);
                    case Scalar scalar when builder.ExpectsKey:
                        builder.Key(scalar.Value, line);
                        break;
                    case NodeEvent when builder.ExpectsKey:
                        throw new DocumentSyntaxException("mapping keys must be plain strings, not lists, mappings or aliases", line, builder.CurrentPath);
                    case Scalar scalar:
                        var node = new ScalarNode(scalar.Value, Resolve(scalar), line);
                        builder.Scalar(node);
                        Remember(anchors, scalar, node, 1);
                        break;
                    case MappingStart or SequenceStart:
                        var start = (NodeEvent)current;
                        builder.StartContainer(start is MappingStart ? new MappingNode(line) : new SequenceNode(line));
                        containerAnchors.Push(start.Anchor.IsEmpty ? null : start.Anchor.Value);
                        break;
                    case MappingEnd or SequenceEnd:
                        var (container, weight) = builder.EndContainer();
                        if (containerAnchors.Pop() is { } anchor)
                        {
                            anchors[anchor] = (container, weight);
                        }

                        break;
                    case AnchorAlias alias:
                        if (++aliases > ParseLimits.MaxAliases)
                        {
                            throw new DocumentSyntaxException($"more than {ParseLimits.MaxAliases} aliases; a {documentKind} needs few if any", line, builder.CurrentPath);
                        }

                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            throw new DocumentSyntaxException($"alias '*{alias.Value.Value}' refers to no complete anchor before it", line, builder.CurrentPath);
                        }

                        builder.Alias(target.Node, target.Weight, line);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw new DocumentSyntaxException($"invalid YAML: {CleanMessage(ex)}", (int)ex.Start.Line);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. a flow mapping value on the next line);
            // the last good event is the best location we have.
            throw new DocumentSyntaxException(
                $"invalid YAML after line {lastLine}: the document cannot be parsed; check brackets, braces and quotes there", lastLine, builder.CurrentPath);
        }

        if (documents == 0 || builder.Root is null)
        {
            throw new DocumentSyntaxException($"the {documentKind} is empty", 1);
        }

        return builder.Root;
    }

    private static void Remember(Dictionary<string, (DocumentNode Node, long Weight)> anchors, NodeEvent nodeEvent, DocumentNode node, long weight)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            anchors[nodeEvent.Anchor.Value] = (node, weight);
        }
    }

    private static ScalarKind Resolve(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return ScalarKind.String;
        }

        var value = scalar.Value;
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
            _ when IntegerPattern().IsMatch(value) => ScalarKind.Integer,
            _ when FloatPattern().IsMatch(value) => ScalarKind.Float,
            _ => ScalarKind.String,
        };
    }

    private static string CleanMessage(YamlException ex)
    {
        var message = LocationPrefix().Replace(ex.Message, string.Empty);
        return message.Length == 0 ? "malformed document" : message;
    }

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ?)")]
    private static partial Regex LocationPrefix();
}
