using System.Collections.Immutable;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PluginContextCloneTests
{
    private static PluginContext Sample()
    {
        var context = new PluginContext();
        context.Set("count", 3);
        context.Set("settings", new Dictionary<string, object?>
        {
            ["style"] = "noir",
            ["limits"] = new Dictionary<string, object?> { ["words"] = 1000 },
            ["tags"] = new List<object?> { "a", "b" },
        });
        return context;
    }

    [Fact]
    public void Clone_KeepsKeysValuesAndTypes()
    {
        var original = Sample();

        var clone = original.Clone();

        clone.Keys().ShouldBe(original.Keys());
        clone.Get("count").ShouldBeOfType<long>().ShouldBe(3);
        var limits = clone.GetMap("settings")["limits"].ShouldBeOfType<ImmutableDictionary<string, object?>>();
        limits["words"].ShouldBe(1000L);
    }

    [Fact]
    public void Clone_MutatingClonesNestedMap_LeavesOriginalIntact()
    {
        var original = Sample();
        var clone = original.Clone();

        var settings = clone.GetMap("settings");
        var limits = (ImmutableDictionary<string, object?>)settings["limits"]!;
        clone.Set("settings", settings
            .SetItem("limits", limits.SetItem("words", 5).Add("pages", 2))
            .SetItem("tags", ((ImmutableArray<object?>)settings["tags"]!).Add("c")));
        clone.Set("count", 99);
        clone.Delete("missing");

        var originalLimits = (ImmutableDictionary<string, object?>)original.GetMap("settings")["limits"]!;
        originalLimits["words"].ShouldBe(1000L);
        originalLimits.ContainsKey("pages").ShouldBeFalse();
        ((ImmutableArray<object?>)original.GetMap("settings")["tags"]!).ShouldBe(["a", "b"]);
        original.GetInt64("count").ShouldBe(3);
    }

    [Fact]
    public void Clone_MutatingOriginal_LeavesCloneIntact()
    {
        var original = Sample();
        var clone = original.Clone();

        original.Set("settings", original.GetMap("settings").Remove("style"));
        original.Clear();

        clone.GetMap("settings")["style"].ShouldBe("noir");
        clone.Count.ShouldBe(2);
    }

    [Fact]
    public void Clone_MutatingSourceCollectionsOfOriginal_ChangesNeither()
    {
        var tags = new List<object?> { "a" };
        var original = new PluginContext();
        original.Set("tags", tags);
        var clone = original.Clone();

        tags.Add("b");

        original.GetList("tags").ShouldBe(["a"]);
        clone.GetList("tags").ShouldBe(["a"]);
    }
}
