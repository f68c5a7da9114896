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
    public bool Succeeded => Result is not null;

    public string LastError => Errors.IsEmpty ? "no attempt ran" : Errors[^1].Message;
}
