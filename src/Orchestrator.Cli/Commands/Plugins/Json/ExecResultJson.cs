using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary><c>plugins exec --json</c>.</summary>
internal sealed record ExecResultJson(
    IdentityJson Plugin,
    string Phase,
    string RunId,
    string Workdir,
    JsonElement? Output,
    ImmutableSortedDictionary<string, JsonElement> Metadata,
    ImmutableArray<string> Artifacts);
