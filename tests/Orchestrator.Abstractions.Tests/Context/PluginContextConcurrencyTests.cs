using System.Collections.Immutable;
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
    private static void AssertEntry(string key, object? value)
    {
        var map = value.ShouldBeOfType<ImmutableDictionary<string, object?>>();
        map["key"].ShouldBe(key);
        map["writer"].ShouldBeOfType<long>().ShouldBeInRange(0L, Threads - 1L);
        var sequence = map["sequence"].ShouldBeOfType<long>();
        var payload = map["payload"].ShouldBeOfType<ImmutableArray<object?>>();
        payload.Length.ShouldBe(3);
        payload[0].ShouldBe(sequence);
        payload[1].ShouldBe(sequence + 1);
        payload[2].ShouldBeOfType<ImmutableDictionary<string, object?>>()["key"].ShouldBe(key);
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
                            AssertEntry(key, context.GetMap(key));
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
                    case < 96:
                        AssertContext(context.Clone());
                        break;
                    case < 99:
                        AssertContext(PluginContext.FromJson(context.ToJson()));
                        break;
                    default:
                        context.Clear();
                        break;
                }
            }
        }, Deadline);

        AssertContext(context);
        context.Count.ShouldBe(context.Keys().Count);
        PluginContext.FromJson(context.ToJson()).ToJson().ShouldBe(context.ToJson());
    }

    [Fact]
    public void SessionContext_ManyThreads_CountsEveryAccessExactly()
    {
        using var manager = new ContextManager();
        var context = manager.Create("s");

        ConcurrentRunner.Run(Threads, writer =>
        {
            for (var i = 0; i < OperationsPerThread; i++)
            {
                if (i % 2 == 0)
                {
                    context.Set($"w{writer}", i);
                }
                else
                {
                    context.TryGet($"w{writer}", out _);
                }
            }
        }, Deadline);

        manager.List().Single().AccessCount.ShouldBe(Threads * OperationsPerThread);
        context.Keys().Count.ShouldBe(Threads);
    }
}
