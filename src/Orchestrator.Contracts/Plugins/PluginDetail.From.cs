using System.Collections.Immutable;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Contracts.Plugins;

public sealed partial record PluginDetail
{
    /// <summary>The contract of a plugin's manifest and what is known about it here.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="facts">Its hash, source, status, dependencies and warnings.</param>
    /// <param name="audience">Who it is for.</param>
    /// <returns>The contract.</returns>
    public static PluginDetail From(PluginManifest manifest, PluginFacts facts, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(facts);
        var local = audience == Audience.Local;
        return new PluginDetail
        {
            Name = manifest.Name,
            Version = manifest.Version.ToString(),
            ContentHash = facts.ContentHash,
            Description = manifest.Description,
            Author = manifest.Author,
            License = manifest.License,
            Homepage = manifest.Homepage,
            Repository = manifest.Repository,
            Tags = manifest.Tags,
            Created = manifest.Created,
            Updated = manifest.Updated,
            Type = ContractJson.Name(manifest.Type),
            MinVersion = manifest.MinVersion?.ToString(),
            MaxVersion = manifest.MaxVersion?.ToString(),
            Dependencies = facts.Dependencies,
            Domains = manifest.Domains,
            Phases = [.. manifest.Phases.OrderBy(p => p.Order).Select(p => PhaseDetail.From(p, manifest))],
            Prompts = manifest.Prompts,
            OutputSpec = manifest.OutputSpec,
            ResourceSpec = manifest.ResourceSpec,
            ConfigSchema = manifest.ConfigSchema,
            DefaultConfig = manifest.DefaultConfig,
            RequiredConfig = manifest.RequiredConfig,
            EntryPoint = manifest.EntryPoint,
            Binary = manifest.Binary,
            Language = manifest.Language,
            Path = local ? manifest.Directory : null,
            ManifestPath = local ? manifest.ManifestPath : null,
            Source = facts.Source is { } source ? SearchPaths.Describe(source.Kind) : null,
            SearchPath = local ? facts.Source?.Directory : null,
            Status = facts.Rejection is { } rejection ? ContractJson.Name(rejection.Kind) : PluginFacts.Loaded,
            Reason = facts.Rejection?.Message,
            Warnings = [.. facts.Warnings.Select(FileProblem.From)],
        };
    }
}
