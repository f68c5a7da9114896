using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.TestWorker;

// Usage: Orchestrator.TestWorker --address http://127.0.0.1:PORT
var index = Array.IndexOf(args, "--address");
if (index < 0 || index + 1 >= args.Length)
{
    await Console.Error.WriteLineAsync("usage: Orchestrator.TestWorker --address http://127.0.0.1:PORT");
    return 2;
}

var address = args[index + 1];
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<IExceptionPropertiesProvider, ConformanceExceptionProperties>();
builder.Services.AddDurableTaskWorker(worker =>
{
    worker.AddTasks(ConformanceTasks.Register);
    worker.UseGrpc(address);
});
await builder.Build().RunAsync();
return 0;
