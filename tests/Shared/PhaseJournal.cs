using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>The lines of a <see cref="ServeCluster.Journal"/>: one per start and end of a phase execution.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Phase">The phase.</param>
/// <param name="Node">The worker id of the node that ran it.</param>
/// <param name="Done">Whether the line marks the end of the execution (else its start).</param>
/// <param name="Time">When, by the clock of the machine.</param>
internal sealed record PhaseJournal(string RunId, string Phase, string Node, bool Done, DateTimeOffset Time)
{
    /// <summary>Every complete line of the journal (a line being written when a node was killed is skipped).</summary>
    public static IReadOnlyList<PhaseJournal> Read(string journal) =>
        !File.Exists(journal)
            ? []
            : [.. File.ReadAllLines(journal)
                .Select(line => line.Split(' '))
                .Where(parts => parts.Length == 5 && parts[3] is "start" or "done" && double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                .Select(parts => new PhaseJournal(
                    parts[0], parts[1], parts[2], parts[3] == "done",
                    DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(parts[4], CultureInfo.InvariantCulture) * 1000))))];
}
