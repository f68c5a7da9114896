using Orchestrator.Engine.Hosting;

namespace Orchestrator.Engine.Tests.Hosting;

/// <summary>The cache keeps the last two generations of values, each up to its character budget.</summary>
public sealed class ReplayCacheTests
{
    private int _created;

    private object Create(string json, Type type)
    {
        _created++;
        return new Value(json, type);
    }

    [Fact]
    public void GetOrAdd_SameTextAndType_CreatedOnce()
    {
        var cache = new ReplayCache(characterBudget: 100);

        var first = cache.GetOrAdd(typeof(int), "one", Create);
        var again = cache.GetOrAdd(typeof(int), "one", Create);

        again.ShouldBeSameAs(first);
        _created.ShouldBe(1);
    }

    [Fact]
    public void GetOrAdd_SameTextOtherType_CreatedForEach()
    {
        var cache = new ReplayCache(characterBudget: 100);

        cache.GetOrAdd(typeof(int), "one", Create).ShouldNotBeSameAs(cache.GetOrAdd(typeof(string), "one", Create));
        _created.ShouldBe(2);
    }

    [Fact]
    public void GetOrAdd_BudgetSpent_PreviousGenerationStillFoundOlderOneDropped()
    {
        var cache = new ReplayCache(characterBudget: 10);
        var old = cache.GetOrAdd(typeof(int), "aaaaaa", Create);
        cache.GetOrAdd(typeof(int), "bbbbbb", Create); // 12 characters: this generation becomes the previous one

        cache.GetOrAdd(typeof(int), "aaaaaa", Create).ShouldBeSameAs(old, "the previous generation is still read");
        _created.ShouldBe(2);

        cache.GetOrAdd(typeof(int), "cccccc", Create); // the generation "aaaaaa" was copied into fills up: now the previous one
        cache.GetOrAdd(typeof(int), "dddddd", Create);
        cache.GetOrAdd(typeof(int), "eeeeee", Create); // the next one fills up too, and the one with "aaaaaa" is dropped

        var created = _created;
        cache.GetOrAdd(typeof(int), "aaaaaa", Create).ShouldNotBeSameAs(old);
        _created.ShouldBe(created + 1);
    }

    [Fact]
    public async Task GetOrAdd_ManyThreads_EveryCallerGetsTheValueOfItsText()
    {
        var cache = new ReplayCache(characterBudget: 64);
        var texts = Enumerable.Range(0, 50).Select(i => $"text-{i}").ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            texts.Select(t => (Text: t, Value: (Value)cache.GetOrAdd(typeof(int), t, (json, type) => new Value(json, type))!)).ToList())));

        results.SelectMany(r => r).ShouldAllBe(r => r.Value.Json == r.Text);
    }

    private sealed record Value(string Json, Type Type);
}
