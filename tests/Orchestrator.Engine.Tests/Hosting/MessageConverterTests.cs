using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Hosting;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Tests.Hosting;

/// <summary>What replays read again is parsed once; everything else is parsed each time, and bad JSON still fails.</summary>
public sealed class MessageConverterTests
{
    private readonly MessageConverter _converter = new(OrchestratorJson.Options);

    [Fact]
    public void Deserialize_SameRunInputTwice_OneInstanceEqualToTheSerializedOne()
    {
        var input = new RunInput
        {
            Plugin = new PluginIdentity("p", "1.0.0", "hash"),
            Workspace = "/w",
            Phases = [new PhasePlan { Name = "one", Order = 1, Approval = true }],
        };
        var json = _converter.Serialize(input);

        var first = _converter.Deserialize<RunInput>(json);
        var second = _converter.Deserialize<RunInput>(new string(json.AsSpan()));

        second.ShouldBeSameAs(first, "the same text, even in another string, is the same input");
        first.ShouldNotBeNull().Phases.ShouldHaveSingleItem().Approval.ShouldBeTrue();
        first.Workspace.ShouldBe("/w");
    }

    [Fact]
    public void Deserialize_DifferentText_DifferentValues()
    {
        var one = _converter.Deserialize<PhaseActivityResult>("{\"output\":1}");
        var two = _converter.Deserialize<PhaseActivityResult>("{\"output\":2}");

        one.ShouldNotBeNull().Output!.Value.GetInt32().ShouldBe(1);
        two.ShouldNotBeNull().Output!.Value.GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Deserialize_TypeNotCached_NewValueEachTime()
    {
        var json = _converter.Serialize(new PhaseActivityInput { Plugin = new PluginIdentity("p", "1", "h"), Phase = "one", WorkingDirectory = "/w" });

        _converter.Deserialize<PhaseActivityInput>(json).ShouldNotBeSameAs(_converter.Deserialize<PhaseActivityInput>(json));
    }

    [Fact]
    public void Deserialize_LongerThanTheCachedMaximum_ParsedEachTime()
    {
        var json = JsonSerializer.Serialize(new { output = new string('x', MessageConverter.MaxCachedCharacters) });

        _converter.Deserialize<PhaseActivityResult>(json).ShouldNotBeSameAs(_converter.Deserialize<PhaseActivityResult>(json));
    }

    [Theory]
    [InlineData("{\"output\":")]
    [InlineData("[1,2]")]
    [InlineData("{\"metadata\":42}")]
    public void Deserialize_MalformedResult_FailsEveryTime(string json)
    {
        Should.Throw<JsonException>(() => _converter.Deserialize<PhaseActivityResult>(json));
        Should.Throw<JsonException>(() => _converter.Deserialize<PhaseActivityResult>(json), "a failure is not cached as a value");
    }

    [Fact]
    public void Deserialize_Null_Null() => _converter.Deserialize(null, typeof(RunInput)).ShouldBeNull();
}
