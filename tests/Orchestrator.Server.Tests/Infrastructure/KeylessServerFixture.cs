namespace Orchestrator.Server.Tests.Infrastructure;

/// <summary>The server of <see cref="ServerFixture"/> without API keys, as <c>orchestrator serve</c> starts by default.</summary>
public sealed class KeylessServerFixture() : ServerFixture(withKey: false);
