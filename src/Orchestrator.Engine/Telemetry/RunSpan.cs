namespace Orchestrator.Engine.Telemetry;

/// <summary>What the run span says about a run.</summary>
/// <param name="Target">The workflow or plugin the run was started for.</param>
/// <param name="Plugin">The plugin, for a plugin run; null for a workflow with steps.</param>
/// <param name="PluginVersion">The plugin version pinned.</param>
/// <param name="Workflow">The workflow the run was started from, if any.</param>
/// <param name="RetryOf">The run this one retries, if any.</param>
/// <param name="StartedAt">When the run was requested.</param>
internal sealed record RunSpan(string Target, string? Plugin, string? PluginVersion, string? Workflow, string? RetryOf, DateTimeOffset? StartedAt)
{
    public IEnumerable<KeyValuePair<string, object?>> Tags(string runId)
    {
        yield return new(SpanTags.RunId, runId);
        yield return new(SpanTags.Target, Target);
        if (Plugin is not null)
        {
            yield return new(SpanTags.Plugin, Plugin);
            yield return new(SpanTags.PluginVersion, PluginVersion);
        }

        if (Workflow is not null)
        {
            yield return new(SpanTags.Workflow, Workflow);
        }

        if (RetryOf is not null)
        {
            yield return new(SpanTags.RetryOf, RetryOf);
        }
    }
}
