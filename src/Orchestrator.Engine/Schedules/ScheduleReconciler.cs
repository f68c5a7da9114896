using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestrator.Engine.Schedules;

/// <summary>
/// Reconciles the schedules with the workflow files when the host starts and then every
/// <see cref="EngineOptions.ScheduleReconcileInterval"/> (workflow files are read again on every use, so an edit is seen
/// by the next pass); only in a process that keeps schedules (<see cref="EngineOptions.KeepSchedules"/>).
/// </summary>
public sealed class ScheduleReconciler(
    IServiceProvider services, IOptions<EngineOptions> options, TimeProvider time, ILogger<ScheduleReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.KeepSchedules)
        {
            return;
        }

        var interval = options.Value.ScheduleReconcileInterval;
        var schedules = services.GetRequiredService<ScheduleService>();
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await schedules.ReconcileAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.ScheduleReconcileFailed(ex, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
