using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Defect 1 (docs/sidecar.md#1-a-worker-crash-hangs-the-run) — worker crash hangs the run: the vendored server keeps one pending completion per work item it hands
/// to the worker and never fails it when the worker's stream ends, so the item is never abandoned. This reaches
/// the server's private pending-completion maps so they can be failed; if a package upgrade removes them, startup
/// fails instead of running unhardened.
/// </summary>
internal static class PendingWorkItems
{
    private static readonly string[] FieldNames = ["pendingActivityTasks", "pendingOrchestratorTasks"];
    private static readonly ConcurrentDictionary<Type, MethodInfo> TrySetExceptionMethods = new();
    private static readonly Lazy<FieldInfo[]> Fields = new(FindFields);

    /// <summary>Throws a <see cref="SidecarException"/> naming the defect (docs/sidecar.md#1-a-worker-crash-hangs-the-run) when the private members are gone.</summary>
    public static void EnsureAvailable() => _ = Fields.Value;

    /// <summary>Removes and fails every pending completion so the dispatcher abandons (and redelivers) its work item.</summary>
    /// <returns>How many work items were failed.</returns>
    public static int FailAll(TaskHubGrpcServer server, Exception reason)
    {
        var failed = 0;
        foreach (var field in Fields.Value)
        {
            var pending = (IDictionary)field.GetValue(server)!;
            foreach (var key in pending.Keys.Cast<object>().ToList())
            {
                var completion = pending[key];
                if (completion is null)
                {
                    continue;
                }

                pending.Remove(key);
                var trySetException = TrySetExceptionMethods.GetOrAdd(
                    completion.GetType(),
                    type => type.GetMethod("TrySetException", [typeof(Exception)])!);
                if (trySetException.Invoke(completion, [reason]) is true)
                {
                    failed++;
                }
            }
        }

        return failed;
    }

    private static FieldInfo[] FindFields()
    {
        return [.. FieldNames.Select(Find)];

        static FieldInfo Find(string name)
        {
            var field = typeof(TaskHubGrpcServer).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic);
            var valueType = field?.FieldType.IsGenericType == true ? field.FieldType.GetGenericArguments()[^1] : null;
            if (field is null || !typeof(IDictionary).IsAssignableFrom(field.FieldType)
                || valueType?.IsGenericType != true || valueType.GetGenericTypeDefinition() != typeof(TaskCompletionSource<>))
            {
                throw new SidecarException(
                    $"Cannot harden the sidecar against defect 1 of docs/sidecar.md#hardening (a worker crash hangs the run forever): " +
                    $"{typeof(TaskHubGrpcServer).FullName} no longer has the private map '{name}' of pending completions. " +
                    "The Microsoft.DurableTask.InProcessTestHost package changed; pin it back to 0.2.3-preview.1 or update src/Orchestrator.Sidecar/Hardening/.");
            }

            return field;
        }
    }
}
