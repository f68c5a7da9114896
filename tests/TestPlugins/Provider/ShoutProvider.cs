using System.Runtime.Loader;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using TestPlugin.Helper;

namespace TestPlugin.Provider;

/// <summary>The explicit entry type: its phases are used, the public IPhase types below are not scanned.</summary>
public sealed class ShoutProvider : IPhaseProvider
{
    public IReadOnlyList<IPhase> CreatePhases() => [new ShoutPhase("shout")];
}

/// <summary>Shouts the input text through the private helper assembly.</summary>
public sealed class ShoutPhase(string name) : IPhase
{
    public string Name => name;

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PhaseResult.FromOutput(new
        {
            Text = Shouter.Shout(request.Input.GetProperty("text").GetString() ?? string.Empty),
            HelperContext = AssemblyLoadContext.GetLoadContext(typeof(Shouter).Assembly)?.Name,
        }));
}
