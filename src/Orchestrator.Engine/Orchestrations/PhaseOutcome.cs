using System.Collections.Immutable;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Activities;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>How a phase ended after all its attempts.</summary>
internal sealed record PhaseOutcome(
    PhasePlan Plan,
    PhaseActivityResult? Result,
    ImmutableArray<PhaseError> Errors,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    int Attempts)
{
    /// <summary>How many of the run's pending shared-data changes the successful attempt was sent (see <see cref="RunState.Context"/>).</summary>
    public int SentChanges { get; init; }

    public bool Succeeded => Result is not null;

    public string LastError => Errors.IsEmpty ? "no attempt ran" : Errors[^1].Message;
}
