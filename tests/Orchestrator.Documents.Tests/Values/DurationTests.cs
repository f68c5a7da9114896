using Orchestrator.Documents.Values;

namespace Orchestrator.Documents.Tests.Values;

public sealed class DurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("500ms", 500)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m30s", 9_930_000)]
    [InlineData("1500us", 1.5)]
    [InlineData("1500µs", 1.5)]
    [InlineData("3000000ns", 3)]
    [InlineData("PT10M", 600_000)]
    [InlineData("PT1.5S", 1_500)]
    [InlineData("P1DT2H", 93_600_000)]
    [InlineData("P2W", 1_209_600_000)]
    [InlineData("pt1h", 3_600_000)]
    public void TryParse_ValidDuration_ReturnsValue(string text, double milliseconds)
    {
        Duration.TryParse(text, out var duration).ShouldBeTrue();
        duration.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("10")]
    [InlineData("-5m")]
    [InlineData("10 m")]
    [InlineData("10x")]
    [InlineData("1.h")]
    [InlineData(".5h")]
    [InlineData("h")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1D T")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT1H2H")]
    [InlineData("PT1S2M")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1DT")]
    [InlineData("99999999999999h")]
    public void TryParse_InvalidDuration_ReturnsFalse(string? text)
    {
        Duration.TryParse(text, out var duration).ShouldBeFalse();
        duration.ShouldBe(TimeSpan.Zero);
    }
}
