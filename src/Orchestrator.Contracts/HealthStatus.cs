namespace Orchestrator.Contracts;

/// <summary>The body of <c>/healthz</c> and <c>/readyz</c>.</summary>
/// <param name="Status"><c>ok</c> (the process answers) or <c>ready</c> (plugins loaded, sidecar answering).</param>
/// <param name="Plugins">How many plugins are loaded; null from <c>/healthz</c>, which does not look.</param>
public sealed record HealthStatus(string Status, int? Plugins);
