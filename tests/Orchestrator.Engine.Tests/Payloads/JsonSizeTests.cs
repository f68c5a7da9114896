using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Payloads;

namespace Orchestrator.Engine.Tests.Payloads;

/// <summary>The bounds that let a phase attempt skip measuring its result are never below what the writer makes.</summary>
public sealed class JsonSizeTests
{
    // Values whose JSON grows most when written: characters escaped as \uXXXX, non-ASCII text, surrogate pairs, nesting.
    public static TheoryData<string> Values => new()
    {
        "null",
        "\"plain\"",
        "\"<script>&'\\\"</script>\"",
        "\"\\u0001\\u0002\\u001f\\t\\n\"",
        "\"éàü — naïve ☃\"",
        "\"😀😀😀 \\ud83d\\ude00\"",
        "{\"a\":[1,2.5e10,true,null,{\"<\":\">\"}],\"é\":\"\\u00e9\"}",
        "[  1 ,  2 ,   \"spaced   out\"  ]",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Bound_OfAnyValue_IsAtLeastItsSerializedLength(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement.Clone();
        var key = "ké<y>😀";
        var map = ImmutableDictionary<string, JsonElement>.Empty.Add(key, value).Add("other", value);

        JsonSize.Bound(value).ShouldBeGreaterThanOrEqualTo(Serialized(value));
        JsonSize.Bound(map).ShouldBeGreaterThanOrEqualTo(Serialized(map));

        var change = new ContextChange { Phase = key, Result = new string('a', 64), Outputs = map, Metadata = map };
        JsonSize.Bound(change).ShouldBeGreaterThanOrEqualTo(Serialized(change));
        var bare = new ContextChange { Phase = "p" };
        JsonSize.Bound(bare).ShouldBeGreaterThanOrEqualTo(Serialized(bare));

        var result = new StoredResult { Output = value, Metadata = map };
        JsonSize.Bound(result).ShouldBeGreaterThanOrEqualTo(Serialized(result));

        var node = new ContextNode(new string('b', 64), [change, change]);
        (JsonSize.Frame + node.Changes.Sum(JsonSize.Bound)).ShouldBeGreaterThanOrEqualTo(Serialized(node));
    }

    [Fact]
    public void Bound_OfNothing_IsSmall()
    {
        JsonSize.Bound((JsonElement?)null).ShouldBeLessThan(16);
        JsonSize.Bound((string?)null).ShouldBeLessThan(16);
        JsonSize.Bound(ImmutableArray<string>.Empty).ShouldBeLessThan(16);
        JsonSize.Bound(default(ImmutableArray<string>)).ShouldBeLessThan(16);
    }

    [Fact]
    public void Check_ResultOfManySmallValuesOverTheLimit_FailsNamingTheLimit()
    {
        // Every value is below any threshold, so none was stored by reference: together they are over one message.
        var value = JsonSerializer.SerializeToElement(new string('m', 1000));
        var metadata = Enumerable.Range(0, 4000).ToImmutableDictionary(i => $"key-{i}", _ => value);
        var result = new PhaseActivityResult { Metadata = metadata, Artifacts = ["a.txt"] };

        var error = Should.Throw<PayloadException>(() => PhaseResultLimit.Check(result, "wide"));

        error.Message.ShouldContain("phase 'wide'");
        error.Message.ShouldContain($"{PhaseResultLimit.MaxResultBytes:N0} bytes");
    }

    [Fact]
    public void Check_ResultWhoseBoundIsOverTheLimitButItselfWithin_Passes()
    {
        // Six times the raw length is over the limit, the JSON itself is not: measured, and let through.
        var value = JsonSerializer.SerializeToElement(new string('s', (PhaseResultLimit.MaxResultBytes / 6) + 1000));
        var result = new PhaseActivityResult { Output = value };

        JsonSize.Bound(value).ShouldBeGreaterThan(PhaseResultLimit.MaxResultBytes);
        Should.NotThrow(() => PhaseResultLimit.Check(result, "long"));
    }

    private static long Serialized<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, OrchestratorJson.Options).Length;
}
