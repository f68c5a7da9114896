namespace Orchestrator.Dashboard.Tests;

/// <summary>The dashboard tests: one set of servers and one browser, tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
