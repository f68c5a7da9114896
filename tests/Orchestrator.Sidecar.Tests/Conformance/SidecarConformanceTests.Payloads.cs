using System.Text;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>Payloads over 1 MB: an orchestration's input and output and an activity's input and output.</summary>
public abstract partial class SidecarConformanceTests
{
    [Fact]
    public async Task Run_InputAndOutputOverOneMegabyte_ArriveIntact()
    {
        var input = LargeText(1_200_000);
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("LargeRoundTrip", input, Token);

        var done = await Client.WaitForCompletedAsync(id, Deadline);

        var output = done.ReadOutputAs<string>().ShouldNotBeNull();
        output.Length.ShouldBe(input.Length);
        output.ShouldBe(new string(input.Reverse().ToArray()), "the activity's output is the reversed input");
        done.ReadInputAs<string>().ShouldBe(input);
    }

    // Varied text, so compression cannot make it small.
    private static string LargeText(int length)
    {
        var random = new Random(12345);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append((char)('a' + random.Next(26)));
        }

        return text.ToString();
    }
}
