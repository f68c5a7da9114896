using System.Collections.Immutable;

namespace Orchestrator.Plugins.Manifests;

/// <summary>The manifest's <c>output_spec</c>: the artifacts a run of the plugin produces.</summary>
public sealed record OutputSpec
{
    public string? PrimaryOutput { get; init; }
    public ImmutableArray<string> SecondaryOutputs { get; init; } = [];

    /// <summary>Name → glob, relative to the run's working directory.</summary>
    public ImmutableDictionary<string, string> FilePatterns { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>File → description.</summary>
    public ImmutableDictionary<string, string> Descriptions { get; init; } = ImmutableDictionary<string, string>.Empty;
}
