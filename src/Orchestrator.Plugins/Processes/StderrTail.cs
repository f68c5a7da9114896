using System.Text;

namespace Orchestrator.Plugins.Processes;

/// <summary>Keeps the last lines of a process's stderr for error messages; thread-safe.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 20;
    private const int MaxChars = 4000;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private int _chars;

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            _chars += line.Length + 1;
            while (_lines.Count > MaxLines || (_chars > MaxChars && _lines.Count > 1))
            {
                _chars -= _lines.Dequeue().Length + 1;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var line in _lines)
            {
                text.Append(line).Append('\n');
            }

            return text.ToString().TrimEnd('\n');
        }
    }
}
