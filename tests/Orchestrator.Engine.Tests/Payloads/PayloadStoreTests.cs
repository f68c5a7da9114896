using System.Text.Json;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Tests.Infrastructure;

namespace Orchestrator.Engine.Tests.Payloads;

public sealed class PayloadStoreTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Offload_AtTheThreshold_KeepsTheValueAndWritesNothing()
    {
        var value = JsonSerializer.SerializeToElement(new string('a', 8));

        PayloadStore.Offload(_root.Path, value, "v", threshold: 10, max: 100).GetString().ShouldBe("aaaaaaaa");

        Directory.Exists(PayloadStore.FolderOf(_root.Path)).ShouldBeFalse();
    }

    [Fact]
    public void Offload_OverTheThreshold_StoresOnceByContentAndResolvesBack()
    {
        var value = JsonSerializer.SerializeToElement(new { text = new string('b', 50) });

        var first = PayloadStore.Offload(_root.Path, value, "v", threshold: 10, max: 100);
        var again = PayloadStore.Offload(_root.Path, value, "v", threshold: 10, max: 100);

        PayloadReference.TryRead(first, out var reference).ShouldBeTrue();
        JsonElement.DeepEquals(first, again).ShouldBeTrue("the same value is the same file");
        Directory.GetFiles(PayloadStore.FolderOf(_root.Path)).ShouldBe([PayloadStore.PathOf(_root.Path, reference.Sha256)]);
        reference.Bytes.ShouldBe(value.GetRawText().Length);
        JsonElement.DeepEquals(PayloadStore.Resolve(_root.Path, first, "v"), value).ShouldBeTrue();
    }

    [Fact]
    public void Offload_OverMax_ThrowsNamingTheLimitAndWritesNothing()
    {
        var value = JsonSerializer.SerializeToElement(new string('c', 200));

        var error = Should.Throw<PayloadException>(() => PayloadStore.Offload(_root.Path, value, "the output of phase 'x'", threshold: 10, max: 100));

        error.Message.ShouldBe("the output of phase 'x' is 202 bytes of JSON, over the limit of 100 bytes for one value (Engine:MaxPayload); make it smaller, or write it to a file in the workspace and report it as an artifact");
        Directory.Exists(PayloadStore.FolderOf(_root.Path)).ShouldBeFalse();
    }

    [Fact]
    public void Resolve_NotAReference_ReturnsTheValue()
    {
        var value = JsonSerializer.SerializeToElement(new { orchestrator_payload = new { sha256 = "x", bytes = 1 } });

        JsonElement.DeepEquals(PayloadStore.Resolve(_root.Path, value, "v"), value).ShouldBeTrue();
    }

    [Fact]
    public void Resolve_FileHoldingNoJson_ThrowsSayingSo()
    {
        var sha = PayloadStore.Put(_root.Path, "not json"u8.ToArray());
        var reference = new PayloadReference(sha, 8).ToElement();

        Should.Throw<PayloadException>(() => PayloadStore.Resolve(_root.Path, reference, "metadata value 'k'"))
            .Message.ShouldStartWith($"metadata value 'k' stored in {PayloadStore.PathOf(_root.Path, sha)} cannot be read:");
    }

    [Theory]
    [InlineData("""{"orchestrator_payload":{"sha256":"0000000000000000000000000000000000000000000000000000000000000000","bytes":3}}""", true)]
    [InlineData("""{"orchestrator_payload":{"sha256":"0000000000000000000000000000000000000000000000000000000000000000","bytes":3},"other":1}""", false)]
    [InlineData("""{"orchestrator_payload":{"sha256":"00000000000000000000000000000000000000000000000000000000000000AA","bytes":3}}""", false)]
    [InlineData("""{"orchestrator_payload":{"sha256":"0000","bytes":3}}""", false)]
    [InlineData("""{"orchestrator_payload":{"sha256":"0000000000000000000000000000000000000000000000000000000000000000","bytes":-1}}""", false)]
    [InlineData("""{"orchestrator_payload":{"sha256":"0000000000000000000000000000000000000000000000000000000000000000"}}""", false)]
    [InlineData("""{"orchestrator_payload":{"sha256":7,"bytes":3}}""", false)]
    [InlineData("""{"orchestrator_payload":{"sha256":"0000000000000000000000000000000000000000000000000000000000000000","bytes":"3"}}""", false)]
    [InlineData("""{"orchestrator_payload":"x"}""", false)]
    [InlineData("""["orchestrator_payload"]""", false)]
    [InlineData("""null""", false)]
    public void TryRead_Shapes_AcceptsOnlyAWholeReference(string json, bool expected)
    {
        PayloadReference.TryRead(JsonDocument.Parse(json).RootElement, out _).ShouldBe(expected);
    }
}
