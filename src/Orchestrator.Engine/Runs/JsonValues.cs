using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// What a JSON value given to a run (its input, a config value, an event payload) may be so that the engine can carry
/// it: nested at most <see cref="MaxDepth"/> levels, every key once per object, every string valid Unicode. A value
/// that breaks a rule is refused when it is given, naming the rule, rather than failing the run later
/// (docs/running-workflows.md#what-a-run-accepts).
/// </summary>
public static class JsonValues
{
    /// <summary>How deeply a value may nest objects and arrays: as deep as a phase output may (<see cref="SharedData.MaxValueDepth"/>).</summary>
    public const int MaxDepth = SharedData.MaxValueDepth;

    /// <summary>
    /// The depth the engine's messages and the contracts are read and written with: a value <see cref="MaxDepth"/> deep
    /// inside the deepest message (a workflow run's record: output, steps, step, output, shared data, phase outputs),
    /// with room to spare.
    /// </summary>
    public const int MessageDepth = 128;

    /// <summary>
    /// The most bytes of JSON a run's input and config may hold together: every phase call carries them again, and a
    /// message to the sidecar holds at most 4 MiB.
    /// </summary>
    public const int MaxRunValueBytes = 1024 * 1024;

    /// <summary>A JSON <c>null</c>, made once.</summary>
    public static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    // A hostile value could break a rule a hundred thousand times; the first few say what to fix.
    private const int MaxProblemsPerValue = 10;

    /// <summary>Adds a problem, starting with <paramref name="what"/>, for every rule <paramref name="value"/> breaks.</summary>
    /// <param name="value">The value.</param>
    /// <param name="what">What the value is, e.g. <c>input</c> or <c>config 'mode'</c>.</param>
    /// <param name="maxDepth">The deepest nesting allowed; <see cref="MaxDepth"/> for a value a run carries.</param>
    /// <param name="problems">Where the problems go.</param>
    public static void Check(JsonElement value, string what, int maxDepth, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var walker = new Walker(what);
        var deepest = walker.Walk(value, "$", 0);
        if (deepest > maxDepth)
        {
            walker.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"nests objects and arrays {deepest} levels deep; at most {maxDepth} levels can be carried, so flatten it"));
        }

        foreach (var problem in walker.Found)
        {
            problems.Add(problem);
        }
    }

    /// <summary>The problems of <paramref name="value"/>, as <see cref="Check"/> finds them with <see cref="MaxDepth"/>.</summary>
    /// <param name="value">The value; null has none.</param>
    /// <param name="what">What the value is.</param>
    /// <returns>The problems; empty when there are none.</returns>
    public static IReadOnlyList<string> Problems(JsonElement? value, string what)
    {
        var problems = new List<string>();
        if (value is { } given)
        {
            Check(given, what, MaxDepth, problems);
        }

        return problems;
    }

    /// <summary>How many bytes of UTF-8 JSON <paramref name="value"/> takes; 0 for none.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The length.</returns>
    public static long Length(JsonElement? value) => value is { } given ? JsonMarshal.GetRawUtf8Value(given).Length : 0;

    private sealed class Walker(string what)
    {
        private const string NotUnicode = "is not valid Unicode (invalid UTF-8, or an unpaired surrogate such as \\ud800)";
        private int _count;

        public List<string> Found { get; } = [];

        public void Add(string problem)
        {
            if (++_count <= MaxProblemsPerValue)
            {
                Found.Add($"{what}: {problem}");
            }
            else if (_count == MaxProblemsPerValue + 1)
            {
                Found.Add($"{what}: more problems like these were left out");
            }
        }

        // Recursion is bounded: the value was parsed with at most MessageDepth levels.
        public int Walk(JsonElement value, string path, int depth)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    var deepest = depth + 1;
                    foreach (var property in value.EnumerateObject())
                    {
                        if (Text(() => property.Name) is not { } name)
                        {
                            Add($"a key in {path} {NotUnicode}");
                            continue;
                        }

                        if (!names.Add(name))
                        {
                            Add($"key '{Short(name)}' appears more than once in {path}; give each key once");
                        }

                        deepest = Math.Max(deepest, Walk(property.Value, $"{path}.{Short(name)}", depth + 1));
                    }

                    return deepest;
                case JsonValueKind.Array:
                    var max = depth + 1;
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        max = Math.Max(max, Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), depth + 1));
                    }

                    return max;
                case JsonValueKind.String when Text(value.GetString) is null:
                    Add($"the string at {path} {NotUnicode}");
                    return depth;
                default:
                    return depth;
            }
        }

        private static string Short(string name) => name.Length <= 40 ? name : name[..40] + "…";

        private static string? Text(Func<string?> read)
        {
            try
            {
                return read();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
