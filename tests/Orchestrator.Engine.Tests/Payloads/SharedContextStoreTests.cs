using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Payloads;

public sealed class SharedContextStoreTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Put_SmallResult_StaysInlineAndWritesNothing()
    {
        var result = new StoredResult { Output = JsonSerializer.SerializeToElement(new { ok = true }) };

        SharedContextStore.Put(_root.Path, result).ShouldBeNull();

        Directory.Exists(PayloadStore.FolderOf(_root.Path)).ShouldBeFalse();
    }

    [Fact]
    public void Put_ResultOverTheInlineLimit_IsStoredByContent()
    {
        var result = new StoredResult { Output = JsonSerializer.SerializeToElement(new string('r', SharedContextStore.InlineResultBytes)) };

        var sha = SharedContextStore.Put(_root.Path, result).ShouldNotBeNull();

        File.Exists(PayloadStore.PathOf(_root.Path, sha)).ShouldBeTrue();
        PayloadStore.GetDocument<StoredResult>(_root.Path, sha, "r").Output!.Value.GetString()!.Length.ShouldBe(SharedContextStore.InlineResultBytes);
    }

    [Fact]
    public void Build_ChangesUnderTheInlineLimit_KeepsTheHeadAndWritesNothing()
    {
        var context = new PhaseContextInput { Changes = [Output("a", "first"), Output("b", "second")] };

        var (view, head) = SharedContextStore.Build(_root.Path, context);

        head.ShouldBeNull("the changes stay in the next attempt's input");
        view.PhaseOutputs["a"].GetString().ShouldBe("first");
        view.PhaseOutputs["b"].GetString().ShouldBe("second");
        Directory.Exists(PayloadStore.FolderOf(_root.Path)).ShouldBeFalse();
    }

    [Fact]
    public void Build_ChangesOverTheInlineLimit_StoresANodeTheNextBuildStartsFrom()
    {
        var changes = Enumerable.Range(0, 10).Select(i => Output($"p{i}", new string('x', SharedContextStore.InlineChangesBytes / 8))).ToImmutableArray();

        var (_, head) = SharedContextStore.Build(_root.Path, new PhaseContextInput { Changes = changes });
        var stored = head.ShouldNotBeNull();
        File.Exists(PayloadStore.PathOf(_root.Path, stored)).ShouldBeTrue();

        var (view, next) = SharedContextStore.Build(_root.Path, new PhaseContextInput { Head = stored, Changes = [Output("last", "y")] });

        next.ShouldBe(stored);
        view.PhaseOutputs.Count.ShouldBe(11);
        view.PhaseOutputs["p0"].GetString()!.Length.ShouldBe(SharedContextStore.InlineChangesBytes / 8);
        view.PhaseOutputs["last"].GetString().ShouldBe("y");
    }

    [Fact]
    public void Build_StoredResultThenMetadataRemoval_AppliesInOrder()
    {
        var big = new StoredResult
        {
            Output = JsonSerializer.SerializeToElement(new string('o', 2 * SharedContextStore.InlineResultBytes)),
            Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add("k", JsonSerializer.SerializeToElement("from draft")),
        };
        var sha = SharedContextStore.Put(_root.Path, big).ShouldNotBeNull();
        var removal = new ContextChange { Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add("k", JsonSerializer.SerializeToElement<object?>(null)) };

        var (view, _) = SharedContextStore.Build(_root.Path, new PhaseContextInput { Changes = [new ContextChange { Phase = "draft", Result = sha }, removal] });

        view.PhaseOutputs["draft"].GetString()!.Length.ShouldBe(2 * SharedContextStore.InlineResultBytes);
        view.Metadata.ContainsKey("k").ShouldBeFalse("a later change removes what an earlier stored result set");
    }

    [Fact]
    public void Build_HeadWhoseNodeIsMissing_ThrowsNamingTheFolder()
    {
        var missing = new string('0', 64);

        var ex = Should.Throw<PayloadException>(() => SharedContextStore.Build(_root.Path, new PhaseContextInput { Head = missing }));

        ex.Message.ShouldContain(PayloadStore.PathOf(_root.Path, missing));
        ex.Message.ShouldContain("start the run again");
    }

    private static ContextChange Output(string phase, string value) =>
        new() { Outputs = ImmutableDictionary<string, JsonElement>.Empty.Add(phase, JsonSerializer.SerializeToElement(value)) };
}
