using System.Runtime.Loader;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace TestPlugin.Greeter;

/// <summary>Reports which load contexts hold the contract and the plugin: proves the contract is shared.</summary>
public sealed class WherePhase : IPhase
{
    public string Name => "where";

    public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new PhaseResult
        {
            Output = JsonSerializer.SerializeToElement(new
            {
                contract = AssemblyLoadContext.GetLoadContext(typeof(IPhase).Assembly)?.Name,
                plugin = AssemblyLoadContext.GetLoadContext(typeof(WherePhase).Assembly)?.Name,
            }),
        });
}
