using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Phases;

public sealed class PhaseResultTests
{
    private sealed record Outline(string WorkingTitle, int ChapterCount);

    [Fact]
    public void FromOutput_Record_SerializesSnakeCase()
    {
        var result = PhaseResult.FromOutput(new Outline("Night Train", 12));

        result.Output.GetProperty("working_title").GetString().ShouldBe("Night Train");
        result.Output.GetProperty("chapter_count").GetInt32().ShouldBe(12);
        result.Metadata.ShouldBeEmpty();
        result.Artifacts.ShouldBeEmpty();
    }

    [Fact]
    public void FromOutput_Null_IsJsonNull()
    {
        var result = PhaseResult.FromOutput<string?>(null);

        result.Output.ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
