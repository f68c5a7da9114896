using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Hosting;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Schedules;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Engine.Workflows;
using Orchestrator.Engine.Workspaces;

namespace Orchestrator.Engine;

/// <summary>DI registration of the durable engine.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the run service, workflows, workspaces and options. Needs <c>IPluginCatalog</c> and
    /// <c>IPhaseExecutor</c> (from the plugins package) and a sidecar: call <see cref="EngineBuilder.UseSidecar"/>.
    /// </summary>
    public static EngineBuilder AddOrchestratorEngine(this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.PayloadThreshold > 0 && o.MaxPayload >= o.PayloadThreshold && o.PayloadThreshold <= PhaseResultLimit.MaxThreshold,
            $"Engine: PayloadThreshold must be positive and at most {PhaseResultLimit.MaxThreshold} bytes, MaxPayload at least PayloadThreshold.");
        options.Validate(o => o.Retention > TimeSpan.Zero && o.CleanupInterval > TimeSpan.Zero && o.TimeoutMargin >= TimeSpan.Zero && o.Redelivery >= TimeSpan.Zero,
            "Engine: Retention and CleanupInterval must be positive, TimeoutMargin and Redelivery not negative.")
            .Validate(o => o.ScheduleReconcileInterval > TimeSpan.Zero && o.ScheduleMissedAfter > TimeSpan.Zero,
                "Engine: ScheduleReconcileInterval and ScheduleMissedAfter must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<EngineMetrics>();
        services.TryAddSingleton<WorkspaceLayout>();
        services.TryAddSingleton<WorkflowCatalog>();
        services.TryAddSingleton<WorkerStopping>();
        services.TryAddSingleton<RunPlanner>();
        services.TryAddSingleton<RunService>();
        services.TryAddSingleton<ScheduleService>();
        return new EngineBuilder(services);
    }

    /// <summary>
    /// The converter both the worker and the client use: Orchestrator's snake_case JSON, as deep as a message holding a
    /// value of the deepest kind a run carries needs (<see cref="JsonValues.MessageDepth"/>).
    /// </summary>
    internal static DataConverter DataConverter { get; } = new MessageConverter(CreateMessageOptions());

    private static JsonSerializerOptions CreateMessageOptions()
    {
        var options = new JsonSerializerOptions(OrchestratorJson.Options) { MaxDepth = JsonValues.MessageDepth };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
