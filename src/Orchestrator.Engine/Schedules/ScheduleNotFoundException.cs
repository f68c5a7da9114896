using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Schedules;

/// <summary>No schedule is kept for the workflow named.</summary>
public sealed class ScheduleNotFoundException : OrchestratorException
{
    public ScheduleNotFoundException()
    {
    }

    public ScheduleNotFoundException(string message)
        : base(message)
    {
    }

    public ScheduleNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static ScheduleNotFoundException For(string workflow) =>
        new($"no schedule for workflow '{workflow}'; a workflow file's 'schedule:' makes one, kept by 'orchestrator serve' or 'orchestrator worker' ('orchestrator schedules list' shows them)");
}
