namespace Orchestrator.Engine.Schedules;

/// <summary>What a schedule does with fires it missed while no worker ran (docs/schedules.md#missed-fires-and-catchup).</summary>
public enum ScheduleCatchup
{
    /// <summary>Missed fires are dropped; the schedule waits for the next fire to come.</summary>
    None,

    /// <summary>One run starts for the latest missed fire.</summary>
    Latest,
}
