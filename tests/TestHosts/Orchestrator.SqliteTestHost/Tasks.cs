using DurableTask.Core;

namespace Orchestrator.SqliteTestHost;

/// <summary>Marks its start and end around a delay; returns its key.</summary>
public sealed class MarkActivity : AsyncTaskActivity<MarkInput, string>
{
    /// <inheritdoc />
    protected override async Task<string> ExecuteAsync(TaskContext context, MarkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Marks.Write(input.Dir, input.Key, "started");
        await Task.Delay(input.DelayMs);
        Marks.Write(input.Dir, input.Key, "done");
        return input.Key;
    }
}

/// <summary>Returns its input.</summary>
public sealed class EchoActivity : TaskActivity<string, string>
{
    /// <inheritdoc />
    protected override string Execute(TaskContext context, string input) => input;
}

/// <summary>Runs marked steps one after another; returns their keys joined by commas.</summary>
public sealed class StepsOrchestration : TaskOrchestration<string, StepsInput>
{
    /// <inheritdoc />
    public override async Task<string> RunTask(OrchestrationContext context, StepsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var keys = new List<string>();
        for (var i = 0; i < input.Count; i++)
        {
            keys.Add(await context.ScheduleTask<string>(typeof(MarkActivity), new MarkInput(input.Dir, $"{input.Prefix}_{i}", input.DelayMs)));
        }

        return string.Join(",", keys);
    }
}
