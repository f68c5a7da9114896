using System.Collections.Immutable;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Plugins.Loading;

/// <summary>What hashing a plugin directory found.</summary>
/// <param name="Hash">The content hash, lowercase hex.</param>
/// <param name="Warnings">One per symbolic link that points outside the directory (hashed as its text, never followed).</param>
public sealed record PluginContent(string Hash, ImmutableArray<DocumentProblem> Warnings);
