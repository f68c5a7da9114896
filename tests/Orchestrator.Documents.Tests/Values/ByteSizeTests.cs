using Orchestrator.Documents.Values;

namespace Orchestrator.Documents.Tests.Values;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1048576", 1_048_576L)]
    [InlineData("512B", 512L)]
    [InlineData("100KB", 100_000L)]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("2 gib", 2_147_483_648L)]
    public void TryParse_ValidSize_ReturnsBytes(string text, long bytes)
    {
        ByteSize.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("1.GB")]
    [InlineData("2 gigs")]
    [InlineData("1e3")]
    [InlineData("8EiB")]
    [InlineData("10000000PB")]
    [InlineData("99999999999999999999999")]
    public void TryParse_InvalidSize_ReturnsFalse(string? text)
    {
        ByteSize.TryParse(text, out var value).ShouldBeFalse();
        value.ShouldBe(0);
    }
}
