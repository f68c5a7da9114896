namespace Orchestrator.Cli.Hosting;

/// <summary>What every engine command reads from its options.</summary>
internal sealed record EngineSettings(IReadOnlyList<string> PluginPaths, IReadOnlyList<string> WorkflowPaths, string? DataDirectory, bool Verbose);
