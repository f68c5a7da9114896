using DurableTask.Core.History;
using DurableTask.Core.Query;
using Newtonsoft.Json.Linq;
using Orchestrator.Storage.Sqlite;

namespace Orchestrator.Testing;

/// <summary>
/// For the kill -9 tests: which activities a SQLite database has recorded as completed (read while its owner is dead,
/// so the file is free), and how often each activity started according to its mark files (<c>KEY.GUID.STAGE</c>).
/// </summary>
internal static class CommittedActivities
{
    /// <summary>The results (activity keys) of every TaskCompleted event in the stored histories.</summary>
    public static async Task<HashSet<string>> ReadAsync(string databasePath)
    {
        using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = databasePath });
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { PageSize = 1000, ContinuationToken = token }, CancellationToken.None);
            foreach (var state in page.OrchestrationState)
            {
                var history = JArray.Parse(await service.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, executionId: null));
                foreach (var completed in history.Where(e => e.Value<int>("EventType") == (int)EventType.TaskCompleted))
                {
                    keys.Add(JToken.Parse(completed.Value<string>("Result")!).Value<string>()!);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return keys;
    }

    /// <summary>How many mark files each key has for <paramref name="stage"/>.</summary>
    public static Dictionary<string, int> CountMarks(string marksDirectory, string stage) =>
        Directory.GetFiles(marksDirectory, $"*.{stage}")
            .Select(Path.GetFileName)
            .Select(name => name![..name!.LastIndexOf('.', name.Length - stage.Length - 2)])
            .GroupBy(key => key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
}
