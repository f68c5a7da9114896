using System.Collections.Immutable;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary><c>plugins reload --json</c>.</summary>
internal sealed record ReloadJson(
    ImmutableArray<IdentityJson> Loaded,
    ImmutableArray<IdentityJson> Added,
    ImmutableArray<UpdateJson> Updated,
    ImmutableArray<IdentityJson> Removed,
    ImmutableArray<ProblemJson> Problems);
