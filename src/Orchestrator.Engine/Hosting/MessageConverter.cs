using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Hosting;

/// <summary>
/// The data converter of the engine's worker and client: JSON with the given options, and the messages an
/// orchestration reads again on every replay (its input, the results of the phases it awaited) parsed once. A run's
/// orchestration replays its whole history in every episode; without the cache it parsed its input once per episode
/// and each phase result once per later episode (docs/running-workflows.md#how-a-run-executes). Only immutable types
/// are cached: the replays and the orchestrations of every run share the instance.
/// </summary>
internal sealed class MessageConverter(JsonSerializerOptions options) : DataConverter
{
    /// <summary>The longest JSON text kept; a longer message is parsed each time.</summary>
    public const int MaxCachedCharacters = 64 * 1024;

    // RunInput of every run, WorkflowInput of every workflow, the phase results and the results of workflow steps:
    // records of immutable collections and JsonElements, never changed once read.
    private static readonly HashSet<Type> Cached = [typeof(RunInput), typeof(WorkflowInput), typeof(PhaseActivityResult), typeof(RunOutput)];

    private readonly JsonDataConverter _json = new(options);
    private readonly ReplayCache _cache = new(characterBudget: 16 * 1024 * 1024);

    public override string? Serialize(object? value) => _json.Serialize(value);

    public override object? Deserialize(string? data, Type targetType) =>
        data is { Length: <= MaxCachedCharacters } && Cached.Contains(targetType)
            ? _cache.GetOrAdd(targetType, data, _json.Deserialize)
            : _json.Deserialize(data, targetType);
}
