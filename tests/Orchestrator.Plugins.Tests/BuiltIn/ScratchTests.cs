namespace Orchestrator.Plugins.Tests.BuiltIn;

public sealed class ScratchTests
{
    [Fact]
    public async Task Scratch_Dump()
    {
        Directory.CreateDirectory("/tmp/fic");
        await new BuiltInRun("fiction", "/tmp/fic").RunAsync(new { premise = "A lighthouse keeper finds a map that redraws itself every night", chapters = 3 });
    }
}
