using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// Typed help over a phase's <see cref="PluginContext"/> (<see cref="PhaseRequest.Context"/>, the view of the run's
/// shared data): outputs of earlier phases, run metadata, and the metadata changes, errors and metrics the phase
/// hands back.
/// </summary>
/// <remarks>
/// Every read and write goes to <see cref="Context"/>, so changes made here and through the context are the same
/// changes: the executor merges them into the phase's result when the attempt succeeds, whether the phase builds
/// its result with <see cref="ToResult{T}"/> or not. It works the same whether or not earlier phases left
/// anything: over an empty context every lookup simply finds nothing. JSON conversions use
/// <see cref="OrchestratorJson.Options"/> (snake_case). Thread-safe.
/// </remarks>
public sealed class PhaseContextHelper
{
    private readonly Lock _lock = new();
    private readonly JsonArray _errors = [];
    private readonly JsonObject _metrics = [];
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a helper over a phase request's context.</summary>
    /// <param name="request">The request the phase received.</param>
    /// <param name="timeProvider">The clock for recorded errors; <see cref="TimeProvider.System"/> when omitted.</param>
    public PhaseContextHelper(PhaseRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        Context = request.Context;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The request this helper reads from.</summary>
    public PhaseRequest Request { get; }

    /// <summary>The request's context, which every read and write of this helper goes to.</summary>
    public PluginContext Context { get; }

    /// <summary>The names of the phases whose output is available, in ordinal order.</summary>
    public IReadOnlyList<string> PreviousPhases => Context.PhaseNames;

    /// <summary>The metadata changes collected so far; a JSON <c>null</c> value removes the key.</summary>
    public ImmutableDictionary<string, JsonElement> MetadataChanges => Context.Changes;

    /// <summary>The metadata key under which <see cref="RecordError"/> stores a phase's errors.</summary>
    /// <param name="phase">The phase name.</param>
    /// <returns><c>{phase}.errors</c>; its value is an array of <c>{"message","attempt","occurred_at"}</c>.</returns>
    public static string ErrorsKey(string phase) => $"{phase}.errors";

    /// <summary>The metadata key under which <see cref="RecordMetric"/> stores a phase's metrics.</summary>
    /// <param name="phase">The phase name.</param>
    /// <returns><c>{phase}.metrics</c>; its value is an object of metric name to number.</returns>
    public static string MetricsKey(string phase) => $"{phase}.metrics";

    /// <summary>Reads the output of an earlier phase as raw JSON.</summary>
    /// <param name="phase">The earlier phase's name.</param>
    /// <returns>Its output.</returns>
    /// <exception cref="ContextKeyNotFoundException">That phase has no output in this run (the message lists those that do).</exception>
    public JsonElement GetPreviousPhaseOutput(string phase) => Context.GetPhaseOutput(phase);

    /// <summary>Reads the output of an earlier phase if there is one.</summary>
    /// <param name="phase">The earlier phase's name.</param>
    /// <param name="output">Its output, or an undefined element.</param>
    /// <returns><c>true</c> when that phase has output.</returns>
    public bool TryGetPreviousPhaseOutput(string phase, out JsonElement output) => Context.TryGetPhaseOutput(phase, out output);

    /// <summary>Reads the output of an earlier phase as <typeparamref name="T"/> (snake_case JSON names).</summary>
    /// <typeparam name="T">The type to deserialize to.</typeparam>
    /// <param name="phase">The earlier phase's name.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ContextKeyNotFoundException">That phase has no output in this run.</exception>
    /// <exception cref="ContextValueTypeException">The output is JSON <c>null</c> or does not fit <typeparamref name="T"/>.</exception>
    public T GetPreviousPhaseOutput<T>(string phase) => Context.GetPhaseOutput<T>(phase);

    /// <summary>Reads run metadata (this phase's own changes first) as raw JSON.</summary>
    /// <param name="key">The metadata key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set (or this phase removed it).</exception>
    public JsonElement GetMetadata(string key) => TryGetMetadata(key, out var value)
        ? value
        : throw new ContextKeyNotFoundException(key, $"Metadata key '{key}' is not set in this run. Use TryGetMetadata when it is optional.");

    /// <summary>Reads run metadata (this phase's own changes first) if the key is set.</summary>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The value, or an undefined element.</param>
    /// <returns><c>true</c> when the key is set.</returns>
    public bool TryGetMetadata(string key, out JsonElement value) => Context.TryGet(key, out value);

    /// <summary>Reads run metadata as <typeparamref name="T"/> (snake_case JSON names).</summary>
    /// <typeparam name="T">The type to deserialize to.</typeparam>
    /// <param name="key">The metadata key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ContextKeyNotFoundException">The key is not set.</exception>
    /// <exception cref="ContextValueTypeException">The value does not fit <typeparamref name="T"/>.</exception>
    public T GetMetadata<T>(string key) => ContextJson.Convert<T>(key, GetMetadata(key));

    /// <summary>Sets run metadata for the phases that follow; the change is returned with this phase's result.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">A non-empty key.</param>
    /// <param name="value">The value, serialized with snake_case names; <c>null</c> removes the key.</param>
    /// <exception cref="ArgumentException">
    /// The key is empty, or the value does not serialize to JSON or nests deeper than <see cref="SharedData.MaxValueDepth"/>.
    /// </exception>
    public void SetMetadata<T>(string key, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Context.Set(key, ContextJson.ToJson(key, value, typeof(T)));
    }

    /// <summary>Removes a run metadata key (returned as a JSON <c>null</c> change).</summary>
    /// <param name="key">The key.</param>
    public void RemoveMetadata(string key) => Context.Delete(key);

    /// <summary>
    /// Records a non-fatal error of this attempt in the metadata under <see cref="ErrorsKey"/>. (A phase that
    /// cannot go on throws instead; the engine records that failure in <see cref="SharedData.Errors"/>.)
    /// </summary>
    /// <param name="message">What went wrong.</param>
    public void RecordError(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        var entry = new JsonObject
        {
            ["message"] = message,
            ["attempt"] = Request.Attempt,
            ["occurred_at"] = _timeProvider.GetUtcNow(),
        };
        lock (_lock)
        {
            _errors.Add(entry);
            Context.Set(ErrorsKey(Request.Phase), JsonSerializer.SerializeToElement(_errors));
        }
    }

    /// <summary>Records a named measurement in the metadata under <see cref="MetricsKey"/>; the last value per name wins.</summary>
    /// <param name="name">The metric name, for example <c>words</c>.</param>
    /// <param name="value">A finite number.</param>
    public void RecordMetric(string name, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Metric '{name}' must be a finite number.");
        }

        lock (_lock)
        {
            _metrics[name] = value;
            Context.Set(MetricsKey(Request.Phase), JsonSerializer.SerializeToElement(_metrics));
        }
    }

    /// <summary>Builds this phase's result: <paramref name="output"/> as JSON plus the collected metadata changes.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="output">The output, serialized with snake_case names.</param>
    /// <param name="artifacts">Files the phase produced, relative to the working directory.</param>
    /// <returns>The result.</returns>
    public PhaseResult ToResult<T>(T output, IEnumerable<string>? artifacts = null) =>
        PhaseResult.FromOutput(output) with { Metadata = MetadataChanges, Artifacts = [.. artifacts ?? []] };

    /// <summary>Adds the collected metadata changes to a result; on the same key, this helper's change wins.</summary>
    /// <param name="result">A result the phase built.</param>
    /// <returns>The result with the changes merged into its metadata.</returns>
    public PhaseResult ApplyTo(PhaseResult result) => Context.ApplyTo(result);
}
