using System.Globalization;
using DurableTask.Core;
using Orchestrator.SqliteTestHost;
using Orchestrator.Storage.Sqlite;

// Usage:
//   Orchestrator.SqliteTestHost hold --database FILE
//       opens the database, records an owner address, prints "ready" and waits until killed
//   Orchestrator.SqliteTestHost burst --database FILE --marks DIR --count N [--steps S] [--delay MS]
//       starts the N instances burst-0..N-1 unless they exist, runs a DTFx worker until all have completed, prints "completed N"
if (args.Length < 3 || Value("--database") is not { } database)
{
    await Console.Error.WriteLineAsync("usage: Orchestrator.SqliteTestHost hold|burst --database FILE [--marks DIR --count N --steps S --delay MS]");
    return 2;
}

using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = database, LockTimeout = TimeSpan.FromSeconds(5) });
try
{
    await service.CreateIfNotExistsAsync();
}
catch (SqliteStorageException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 1;
}

if (args[0] == "hold")
{
    service.SetOwnerAddress("http://127.0.0.1:1");
    Console.WriteLine("ready");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

var marks = Value("--marks")!;
var count = int.Parse(Value("--count")!, CultureInfo.InvariantCulture);
var steps = int.Parse(Value("--steps") ?? "3", CultureInfo.InvariantCulture);
var delay = int.Parse(Value("--delay") ?? "0", CultureInfo.InvariantCulture);
var client = new TaskHubClient(service);
for (var i = 0; i < count; i++)
{
    var id = string.Create(CultureInfo.InvariantCulture, $"burst-{i}");
    if (await client.GetOrchestrationStateAsync(id) is null)
    {
        await client.CreateOrchestrationInstanceAsync(typeof(StepsOrchestration), id, new StepsInput(marks, string.Create(CultureInfo.InvariantCulture, $"b{i}"), steps, delay));
    }
}

var worker = new TaskHubWorker(service).AddAll();
await worker.StartAsync();
Console.WriteLine("started");
for (var i = 0; i < count; i++)
{
    var state = await client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = string.Create(CultureInfo.InvariantCulture, $"burst-{i}") }, TimeSpan.FromMinutes(5));
    if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
    {
        await Console.Error.WriteLineAsync($"burst-{i} ended {state?.OrchestrationStatus.ToString() ?? "(timed out)"}");
        return 1;
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"completed {count}"));
await worker.StopAsync(isForced: true);
return 0;

string? Value(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
