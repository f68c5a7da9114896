using Microsoft.DurableTask;

namespace Orchestrator.TestWorker;

/// <summary>Large payloads: inputs and outputs of orchestrations and activities well over 1 MB.</summary>
public static class LargeTasks
{
    /// <summary>Registers the large-payload tasks.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // Reverses its (large) input.
        registry.AddActivityFunc<string, string>("Reverse", (_, input) => new string(input.Reverse().ToArray()));

        // Passes its large input to an activity and returns the activity's (as large) output.
        registry.AddOrchestratorFunc<string, string>("LargeRoundTrip", (context, input) =>
            context.CallActivityAsync<string>("Reverse", input));
    }
}
