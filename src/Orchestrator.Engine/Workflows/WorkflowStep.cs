using System.Collections.Immutable;
using System.Text.Json;
using Semver;

namespace Orchestrator.Engine.Workflows;

/// <summary>A plugin a workflow runs, the versions it accepts, and the config it sets over the plugin defaults.</summary>
/// <param name="Plugin">The plugin name.</param>
/// <param name="Range">Accepted versions (npm-style); <see cref="SemVersionRange.All"/> when only a name was given.</param>
/// <param name="RangeText">The range as written, <c>*</c> for none.</param>
/// <param name="Config">Config merged over the plugin's default_config.</param>
/// <param name="Input">A step's input defaults: fields the previous step's result does not set (steps only).</param>
public sealed record WorkflowStep(string Plugin, SemVersionRange Range, string RangeText, ImmutableDictionary<string, JsonElement> Config, JsonElement? Input)
{
    public override string ToString() => RangeText == "*" ? Plugin : $"{Plugin}@{RangeText}";
}
