namespace Orchestrator.Cli.Output;

/// <summary>A plain-text table with left-aligned columns separated by two spaces; no colour, no box drawing.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public async Task WriteAsync(TextWriter writer, string indent = "")
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        await WriteRowAsync(writer, indent, headers, widths);
        foreach (var row in _rows)
        {
            await WriteRowAsync(writer, indent, row, widths);
        }
    }

    private static Task WriteRowAsync(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]));
        return writer.WriteLineAsync((indent + string.Join("  ", padded)).TrimEnd());
    }
}
