using System.Text;
using System.Text.Json;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Parsing;

/// <summary>
/// Reads JSON into a <see cref="DocumentNode"/> tree with <see cref="Utf8JsonReader"/> (iterative, no recursion),
/// mapping byte offsets to lines so JSON problems carry lines just like YAML ones.
/// </summary>
internal static class JsonTreeReader
{
    public static DocumentNode Read(string text, ProblemCollector problems, string documentKind, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = LineIndex(bytes);
        var builder = new TreeBuilder(problems);
        var options = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            // Our own limit (ParseLimits.MaxDepth) fires first with a clearer message; this is a backstop.
            MaxDepth = ParseLimits.MaxDepth * 2,
        };
        var reader = new Utf8JsonReader(bytes, options);
        try
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = LineOf(lines, reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        builder.StartContainer(new MappingNode(line));
                        break;
                    case JsonTokenType.StartArray:
                        builder.StartContainer(new SequenceNode(line));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        builder.EndContainer();
                        break;
                    case JsonTokenType.PropertyName:
                        builder.Key(reader.GetString()!, line);
                        break;
                    case JsonTokenType.String:
                        builder.Scalar(new ScalarNode(reader.GetString()!, ScalarKind.String, line));
                        break;
                    case JsonTokenType.Number:
                        var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                        var isInteger = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
                        builder.Scalar(new ScalarNode(raw, isInteger ? ScalarKind.Integer : ScalarKind.Float, line));
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        builder.Scalar(new ScalarNode(reader.TokenType == JsonTokenType.True ? "true" : "false", ScalarKind.Boolean, line));
                        break;
                    case JsonTokenType.Null:
                        builder.Scalar(new ScalarNode("null", ScalarKind.Null, line));
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new DocumentSyntaxException($"invalid JSON: {CleanMessage(ex)}", ex.LineNumber is { } l ? (int)l + 1 : null, builder.CurrentPath);
        }

        if (builder.Root is null)
        {
            throw new DocumentSyntaxException($"the {documentKind} is empty", 1);
        }

        return builder.Root;
    }

    private static List<int> LineIndex(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string CleanMessage(JsonException ex)
    {
        // The reader appends "LineNumber: n | BytePositionInLine: m." which we report as the line instead.
        // It may also suggest changing reader options, which is advice for us, not for the document's author.
        var message = ex.Message;
        foreach (var tail in (string[])[" LineNumber:", " Change the reader options"])
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        return message.TrimEnd('.', ' ');
    }
}
