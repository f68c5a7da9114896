using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Retention;

/// <summary>Purges finished runs older than their retention every <see cref="EngineOptions.CleanupInterval"/>; never running ones.</summary>
public sealed class RetentionService(
    IServiceProvider services, IOptions<EngineOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CleanupInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await services.GetRequiredService<RunService>().PurgeExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.RetentionFailed(ex, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
