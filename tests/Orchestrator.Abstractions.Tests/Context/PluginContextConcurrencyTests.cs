using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PluginContextConcurrencyTests
{
    private const int Threads = 8;
    private const int OperationsPerThread = 5_000;
    private const int KeyCount = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private static Dictionary<string, object?> Entry(string key, int writer, int sequence) => new()
    {
        ["key"] = key,
        ["writer"] = writer,
        ["sequence"] = sequence,
        ["payload"] = new List<object?> { sequence, sequence + 1L, new Dictionary<string, object?> { ["key"] = key } },
    };

    /// <summary>Every stored value must be a whole entry written for its own key: never torn, never mistyped.</summary>
    private static void AssertEntry(string key, JsonElement value)
    {
        value.ValueKind.ShouldBe(JsonValueKind.Object);
        value.GetProperty("key").GetString().ShouldBe(key);
        value.GetProperty("writer").GetInt64().ShouldBeInRange(0L, Threads - 1L);
        var sequence = value.GetProperty("sequence").GetInt64();
        var payload = value.GetProperty("payload");
        payload.GetArrayLength().ShouldBe(3);
        payload[0].GetInt64().ShouldBe(sequence);
        payload[1].GetInt64().ShouldBe(sequence + 1);
        payload[2].GetProperty("key").GetString().ShouldBe(key);
    }

    private static void AssertContext(PluginContext context)
    {
        foreach (var key in context.Keys())
        {
            key.ShouldStartWith("k");
            if (context.TryGet(key, out var value))
            {
                AssertEntry(key, value);
            }
        }
    }

    [Fact]
    public void MixedOperations_ManyThreads_NoTornOrMistypedState()
    {
        var context = new PluginContext();

        ConcurrentRunner.Run(Threads, writer =>
        {
            var random = new Random(writer);
            for (var i = 0; i < OperationsPerThread; i++)
            {
                var key = $"k{random.Next(KeyCount)}";
                switch (random.Next(100))
                {
                    case < 40:
                        context.Set(key, Entry(key, writer, i));
                        break;
                    case < 65:
                        if (context.TryGet(key, out var value))
                        {
                            AssertEntry(key, value);
                        }

                        break;
                    case < 75:
                        try
                        {
                            AssertEntry(key, JsonSerializer.SerializeToElement(context.GetMap(key)));
                        }
                        catch (ContextKeyNotFoundException)
                        {
                            // Another thread deleted or cleared the key: allowed.
                        }

                        break;
                    case < 85:
                        context.Delete(key);
                        break;
                    case < 92:
                        var keys = context.Keys();
                        keys.ShouldBeUnique();
                        keys.Count.ShouldBeLessThanOrEqualTo(KeyCount);
                        break;
                    case < 99:
                        foreach (var (changed, json) in context.Changes)
                        {
                            if (json.ValueKind != JsonValueKind.Null)
                            {
                                AssertEntry(changed, json);
                            }
                        }

                        break;
                    default:
                        context.Clear();
                        break;
                }
            }
        }, Deadline);

        AssertContext(context);
        context.Count.ShouldBe(context.Keys().Count);
        SharedData.Empty.WithMetadata(context.Changes).Metadata.Keys.Order().ShouldBe(context.Keys());
    }
}
