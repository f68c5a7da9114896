namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <param name="Name">The plugin depended on.</param>
/// <param name="Range">The accepted range as written (<c>*</c> for any).</param>
/// <param name="FoundVersion">The version found under that name, null when missing.</param>
/// <param name="Satisfied">True when found inside the range.</param>
internal sealed record DependencyJson(string Name, string Range, string? FoundVersion, bool Satisfied);
