using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance suite on the azure-storage backend (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageConformanceTests(AzureStorageBackendFixture fixture) : SidecarConformanceTests(fixture), IClassFixture<AzureStorageBackendFixture>;
