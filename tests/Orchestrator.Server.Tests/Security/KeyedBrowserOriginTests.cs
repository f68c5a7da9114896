using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Security;

/// <summary><see cref="BrowserOriginTests"/> on the server with an API key (a cross-site request is 403 before the key is asked for).</summary>
[Collection(ServerCollection.Name)]
public sealed class KeyedBrowserOriginTests(ServerFixture server) : BrowserOriginTests(server);
