using System.Collections.Immutable;

namespace Orchestrator.Plugins.Manifests;

/// <summary>The manifest's <c>resource_spec</c>. Sizes are in bytes.</summary>
public sealed record ResourceSpec
{
    public long? MinMemory { get; init; }
    public long? MaxMemory { get; init; }
    public int? CpuShares { get; init; }
    public bool NetworkRequired { get; init; }
    public bool StorageRequired { get; init; }

    /// <summary>Environment variables holding API keys; each must be set when a run starts.</summary>
    public ImmutableArray<string> ApiKeys { get; init; } = [];

    /// <summary>Further host environment variables passed to external executables.</summary>
    public ImmutableArray<string> EnvironmentVars { get; init; } = [];

    public ImmutableArray<string> Permissions { get; init; } = [];

    /// <summary>Name → limit as written (for example <c>requests_per_minute: 60</c>).</summary>
    public ImmutableDictionary<string, string> RateLimits { get; init; } = ImmutableDictionary<string, string>.Empty;
}
