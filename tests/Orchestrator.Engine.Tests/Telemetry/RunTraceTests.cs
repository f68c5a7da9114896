using System.Diagnostics;
using Orchestrator.Engine.Telemetry;

namespace Orchestrator.Engine.Tests.Telemetry;

public sealed class RunTraceTests
{
    [Fact]
    public void TraceParent_NewTrace_RoundTrips()
    {
        var trace = RunTrace.New();

        RunTrace.FromTraceParent(trace.TraceParent).ShouldBe(trace);
        trace.TraceParent.ShouldBe($"00-{trace.TraceId}-{trace.SpanId}-01");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")]
    [InlineData("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333z-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra")]
    public void FromTraceParent_MissingOrMalformed_Null(string? traceParent) =>
        RunTrace.FromTraceParent(traceParent).ShouldBeNull();

    [Fact]
    public void Derived_SameRunId_SameIdsInEveryReplay()
    {
        var trace = RunTrace.Derived("story-1");

        RunTrace.Derived("story-1").ShouldBe(trace);
        RunTrace.Derived("story-2").TraceId.ShouldNotBe(trace.TraceId);
        trace.IsValid.ShouldBeTrue();
        trace.ParentSpanId.ShouldBeNull();
    }

    [Fact]
    public void Step_OfAWorkflowRun_SameTraceChildOfTheWorkflowSpanDistinctPerStep()
    {
        var workflow = RunTrace.New();

        var first = workflow.Step("w-1-step1");
        var second = workflow.Step("w-1-step2");

        first.ShouldBe(workflow.Step("w-1-step1"));
        first.TraceId.ShouldBe(workflow.TraceId);
        first.ParentSpanId.ShouldBe(workflow.SpanId);
        second.SpanId.ShouldNotBe(first.SpanId);
        first.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void FixedIds_ARootSpan_TakesTheRunsTraceAndSpanIds()
    {
        using var source = new ActivitySource("Orchestrator.Tests.FixedIds");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var trace = RunTrace.New();

        using var span = source.StartActivity("run").ShouldNotBeNull();

        FixedIds.Apply(span, trace.TraceId, trace.SpanId).ShouldBeTrue("this runtime's Activity keeps its ids where FixedIds sets them");
        span.Context.TraceId.ToHexString().ShouldBe(trace.TraceId);
        span.Context.SpanId.ToHexString().ShouldBe(trace.SpanId);
        span.Id.ShouldBe(trace.TraceParent);
    }
}
