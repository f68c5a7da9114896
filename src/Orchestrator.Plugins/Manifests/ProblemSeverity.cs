namespace Orchestrator.Plugins.Manifests;

/// <summary>How serious a <see cref="ManifestProblem"/> is.</summary>
public enum ProblemSeverity
{
    Error,
    Warning,
}
