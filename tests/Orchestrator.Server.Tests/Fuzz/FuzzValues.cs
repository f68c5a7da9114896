using System.Globalization;
using System.Text;

namespace Orchestrator.Server.Tests.Fuzz;

/// <summary>Values a hostile client sends, drawn from one seeded <see cref="Random"/> so a failure can be replayed.</summary>
internal sealed class FuzzValues(Random random)
{
    /// <summary>The hostile texts every parameter of every route is given once.</summary>
    public static readonly IReadOnlyList<string> Texts =
    [
        "", " ", "a", "echo", "gate", "echo-flow", "x:step1", "x:step", "run:step999999999999", "../../etc/passwd", "..", ".", "a/b",
        "%00", "%2F", "%2e%2e", "%ZZ", "\u0000", "\t\n", "🙂", "\uFFFF", "\u202E", "é", "<script>alert(1)</script>", "'; DROP TABLE runs; --",
        "-1", "0", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-0", "NaN", "Infinity", "0x10",
        "true", "false", "True", "1 ", "maybe", "null", "{", "[]", "{}",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "10000-01-01", "2026-13-45", "2026-01-01T00:00:00+14:00",
        "2026-01-01", "yesterday", "eyJ4IjoxfQ", "!!!", "running", "completed,failed", "RUNNING", "pending,,", "yaml", "json", "xml",
    ];

    public Random Random => random;

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A hostile text: one of the list, a long run, or random characters (control and astral ones included).</summary>
    public string Text() => random.Next(10) switch
    {
        0 => new string('x', random.Next(1, 5000)),
        1 => RandomCharacters(random.Next(1, 40)),
        _ => Pick(Texts),
    };

    /// <summary>Any JSON value, nested up to <paramref name="depth"/> levels.</summary>
    public string Json(int depth = 4)
    {
        var choice = random.Next(depth <= 0 ? 6 : 9);
        return choice switch
        {
            0 => "null",
            1 => Chance(0.5) ? "true" : "false",
            2 => Pick(["0", "-1", "1.5", "1e308", "-1e308", "123456789012345678901234567890", "-0", "1E-400", "\"\\ud800 lone\""]),
            3 or 4 => Quoted(Text()),
            5 => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
            6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Json(depth - 1))) + "]",
            _ => Object(Enumerable.Range(0, random.Next(4)).Select(_ => (Text(), Json(depth - 1)))),
        };
    }

    /// <summary>An object of the given members (keys may repeat).</summary>
    public static string Object(IEnumerable<(string Key, string Value)> members) =>
        "{" + string.Join(",", members.Select(m => Quoted(m.Key) + ":" + m.Value)) + "}";

    /// <summary>A value nested <paramref name="levels"/> deep in arrays or objects.</summary>
    public string Nested(int levels) => Chance(0.5)
        ? new string('[', levels) + new string(']', levels)
        : string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);

    public static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private string RandomCharacters(int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 32),
                1 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1F600)),
                _ => (char)random.Next(32, 127),
            });
        }

        return builder.ToString();
    }
}
