using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Security;

/// <summary><see cref="BrowserOriginTests"/> on a server without keys, as <c>orchestrator serve</c> starts by default.</summary>
public sealed class KeylessBrowserOriginTests(KeylessServerFixture server) : BrowserOriginTests(server), IClassFixture<KeylessServerFixture>;
