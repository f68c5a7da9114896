using Orchestrator.Plugins.Registry;
using Semver;

namespace Orchestrator.Plugins.Tests.Registry;

public sealed class CompatibilityTests
{
    private static SemVersion V(string text) => SemVersion.Parse(text, SemVersionStyles.Strict);

    [Theory]
    [InlineData(null, null, "0.1.0")]
    [InlineData("0.1.0", null, "0.1.0")]
    [InlineData(null, "0.1.0", "0.1.0")]
    [InlineData("0.0.1", "1.0.0", "0.5.3")]
    public void Check_ProductInsideRange_Compatible(string? min, string? max, string product)
    {
        Compatibility.Check(TestPlugins.Bounded("p", "1.0.0", min, max).Manifest, V(product)).ShouldBeNull();
    }

    [Fact]
    public void Check_ProductBelowMinVersion_MessageNamesBothVersions()
    {
        var message = Compatibility.Check(TestPlugins.Bounded("p", "2.0.0", "0.3.0", null).Manifest, V("0.1.0"));

        message.ShouldBe("p 2.0.0 requires Orchestrator >= 0.3.0 (min_version), but this is Orchestrator 0.1.0");
    }

    [Fact]
    public void Check_ProductAboveMaxVersion_MessageNamesBothVersions()
    {
        var message = Compatibility.Check(TestPlugins.Bounded("p", "1.0.0", null, "0.0.9").Manifest, V("0.1.0"));

        message.ShouldBe("p 1.0.0 supports Orchestrator <= 0.0.9 (max_version), but this is Orchestrator 0.1.0");
    }

    [Fact]
    public void Check_PrereleaseOfMinVersion_IsBelowIt()
    {
        Compatibility.Check(TestPlugins.Bounded("p", "1.0.0", "1.0.0", null).Manifest, V("1.0.0-beta.1")).ShouldNotBeNull();
    }

    [Fact]
    public void Current_ReadFromAssemblyInformationalVersion_Is010()
    {
        OrchestratorVersion.Current.ShouldBe(V("0.1.0"));
    }
}
