using DurableTask.Core;
using Orchestrator.SqliteTestHost;

namespace Orchestrator.Storage.Sqlite.Tests.Infrastructure;

/// <summary>Continues as new until its input reaches 3; returns 3.</summary>
internal sealed class CounterOrchestration : TaskOrchestration<int, int>
{
    public override Task<int> RunTask(OrchestrationContext context, int input)
    {
        if (input < 3)
        {
            context.ContinueAsNew(input + 1);
        }

        return Task.FromResult(input);
    }
}

/// <summary>Sets a custom status, then waits for the event "go" and returns its payload.</summary>
internal sealed class WaitEventOrchestration : TaskOrchestration<string, string>
{
    private readonly TaskCompletionSource<string> _go = new();

    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        return await _go.Task;
    }

    public override void OnEvent(OrchestrationContext context, string name, string input)
    {
        if (name == "go")
        {
            _go.TrySetResult(input);
        }
    }

    public override string OnGetStatus() => "waiting";
}

/// <summary>Waits on a durable timer of the given seconds.</summary>
internal sealed class TimerOrchestration : TaskOrchestration<string, int>
{
    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), "fired");
        return "fired";
    }
}

/// <summary>Calls <see cref="ChildOrchestration"/> as a sub-orchestration.</summary>
internal sealed class ParentOrchestration : TaskOrchestration<string, string>
{
    public override async Task<string> RunTask(OrchestrationContext context, string input) =>
        "parent:" + await context.CreateSubOrchestrationInstance<string>(typeof(ChildOrchestration), $"{context.OrchestrationInstance.InstanceId}-child", input);
}

/// <summary>Echoes its input through an activity.</summary>
internal sealed class ChildOrchestration : TaskOrchestration<string, string>
{
    public override async Task<string> RunTask(OrchestrationContext context, string input) =>
        "child:" + await context.ScheduleTask<string>(typeof(EchoActivity), input);
}
