namespace Orchestrator.Contracts.Schedules;

/// <summary>
/// A run asked of a schedule now: <c>schedules trigger --json</c> and <c>POST /api/schedules/{workflow}/trigger</c>.
/// The schedule starts it when it takes the trigger; <c>GET /api/runs/{run_id}</c> shows it from then on.
/// </summary>
/// <param name="Workflow">The schedule's workflow.</param>
/// <param name="RunId">The id the run gets, which names the time of the trigger.</param>
public sealed record ScheduleTrigger(string Workflow, string RunId);
