using System.Collections.Immutable;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Contracts.Schedules;

/// <summary>The schedules kept now, by workflow name: <c>schedules list --json</c> and <c>GET /api/schedules</c>.</summary>
/// <param name="Schedules">The schedules.</param>
public sealed record ScheduleList(ImmutableArray<ScheduleInfo> Schedules);
