using System.Text;
using Orchestrator.Documents.Files;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Parsing;

/// <summary>
/// Reads a document file as strict UTF-8 text within a size limit: the size is checked before reading, and the read
/// itself stops past the limit in case the file grows meanwhile. Only a regular file is opened: a FIFO or a device is a
/// problem, never a read that waits forever. What goes wrong becomes a problem, never an exception.
/// </summary>
public static class DocumentText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="file"/>.</summary>
    /// <param name="file">The document file.</param>
    /// <param name="maxBytes">The largest accepted file.</param>
    /// <param name="documentKind">What the document is, for messages ("manifest", "workflow").</param>
    /// <param name="typicalSize">How large such a document usually is, for the message on a file that is too large.</param>
    /// <param name="problems">Where problems go.</param>
    /// <returns>The text, or null when the file is missing, not a regular file, too large, not UTF-8 or unreadable (the reason is in <paramref name="problems"/>).</returns>
    public static string? Read(string file, long maxBytes, string documentKind, string typicalSize, ProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            var kind = SafeFiles.KindOf(file, followLinks: true);
            if (kind != FileKind.Regular)
            {
                problems.Error(string.Empty, null, kind == FileKind.Missing
                    ? "does not exist"
                    : $"is {SafeFiles.Describe(kind)}, not a regular file; it was not read (a {documentKind} must be a regular file)");
                return null;
            }

            if (ReadBounded(file, maxBytes) is not { } bytes)
            {
                problems.Error(string.Empty, null, TooLarge(documentKind, maxBytes, typicalSize));
                return null;
            }

            return StrictUtf8.GetString(bytes.Array!, 0, bytes.Count);
        }
        catch (DecoderFallbackException)
        {
            problems.Error(string.Empty, null, $"is not valid UTF-8 text; save the {documentKind} as UTF-8");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Error(string.Empty, null, $"cannot be read: {ex.Message}");
            return null;
        }
    }

    /// <summary>The message for a document over its size limit.</summary>
    /// <param name="documentKind">What the document is ("manifest", "workflow").</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="typicalSize">How large such a document usually is ("a few kilobytes").</param>
    /// <returns>For example <c>the manifest is larger than 1048576 bytes (1 MiB); a manifest should be a few kilobytes</c>.</returns>
    public static string TooLarge(string documentKind, long maxBytes, string typicalSize) =>
        $"the {documentKind} is larger than {maxBytes} bytes ({Readable(maxBytes)}); a {documentKind} should be {typicalSize}";

    private static ArraySegment<byte>? ReadBounded(string file, long maxBytes)
    {
        using var stream = SafeFiles.OpenRead(file);
        var size = stream.Length;
        if (size > maxBytes)
        {
            return null;
        }

        var buffer = new byte[size + 1];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length > maxBytes ? (ArraySegment<byte>?)null : new ArraySegment<byte>(buffer, 0, length);
    }

    private static string Readable(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} B",
    };
}
