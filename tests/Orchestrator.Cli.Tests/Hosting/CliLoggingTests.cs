using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;

namespace Orchestrator.Cli.Tests.Hosting;

/// <summary>What each kind of process logs, decided in one place: levels, filters, format, and always on stderr.</summary>
public sealed class CliLoggingTests
{
    [Fact]
    public void Command_Default_OnlyOurWarningsAsShortLines()
    {
        var lines = Log(LogProfile.Command, verbose: false);

        lines.ShouldBe(["warning: workflow file skipped", "error: sidecar gone: connection reset"]);
    }

    [Fact]
    public void Command_Verbose_InformationUpWithTimeLevelCategoryAndEvent()
    {
        var lines = Log(LogProfile.Command, verbose: true);

        lines.ShouldContain(l => l.EndsWith(" info: Orchestrator.Engine.Activities.PhaseActivity[6000] attempt 1 started", StringComparison.Ordinal));
        lines.ShouldContain(l => l.EndsWith(" warn: Orchestrator.Engine.Activities.PhaseActivity[6002] attempt 1 failed", StringComparison.Ordinal));
        lines.ShouldContain(l => l.EndsWith(" warn: Microsoft.AspNetCore.Server.Kestrel[1] overriding addresses", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("[3021]", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("kestrel detail", StringComparison.Ordinal));
        lines[0].ShouldMatch(@"^\d\d:\d\d:\d\d info: ");
    }

    [Fact]
    public void Worker_Default_WarningsOnceEach()
    {
        var lines = Log(LogProfile.Worker, verbose: false);

        lines.Count(l => l.Contains("attempt 1 failed", StringComparison.Ordinal)).ShouldBe(1);
        lines.ShouldContain(l => l.Contains("[6002] attempt 1 failed", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(" info: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_Default_InformationButNotTheHostsOwnStartFailure()
    {
        var lines = Log(LogProfile.Service, verbose: false);

        lines.ShouldContain(l => l.Contains("[6000] attempt 1 started", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("Hosting failed to start", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(" dbug: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_Verbose_OurDebugMessagesToo()
    {
        Log(LogProfile.Service, verbose: true).ShouldContain(l => l.Contains(" dbug: Orchestrator.Plugins[3020] attempt 1 starting", StringComparison.Ordinal));
    }

    [Fact]
    public void PluginOutput_OnlyWhatPluginExecutablesWroteToStderr()
    {
        Log(LogProfile.PluginOutput, verbose: false).ShouldBe(["[greeter execute] hello on stderr"]);
    }

    private static List<string> Log(LogProfile profile, bool verbose)
    {
        var error = new StringWriter();
        using (var loggers = new CliLogging(profile, verbose, error).CreateFactory())
        {
            var plugins = loggers.CreateLogger("Orchestrator.Plugins");
            var engine = loggers.CreateLogger("Orchestrator.Engine.Activities.PhaseActivity");
            var runs = loggers.CreateLogger("Orchestrator.Engine.Runs.RunService");
            var sidecar = loggers.CreateLogger("Orchestrator.Sidecar.Hosting.SidecarStartup");
            var kestrel = loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
            var host = loggers.CreateLogger("Microsoft.Extensions.Hosting.Internal.Host");
            plugins.Log(LogLevel.Debug, new EventId(3020), "attempt 1 starting");
            engine.Log(LogLevel.Information, new EventId(6000), "attempt 1 started");
            plugins.Log(LogLevel.Warning, new EventId(3021), "attempt 1 failed");
            engine.Log(LogLevel.Warning, new EventId(6002), "attempt 1 failed");
            plugins.Log(LogLevel.Information, new EventId(3010), "[greeter execute] hello on stderr");
            runs.Log(LogLevel.Warning, new EventId(6030), "workflow file skipped");
            kestrel.Log(LogLevel.Information, new EventId(2), "kestrel detail");
            kestrel.Log(LogLevel.Warning, new EventId(1), "overriding addresses");
            host.Log(LogLevel.Error, new EventId(11), new IOException("address in use"), "Hosting failed to start");
            sidecar.Log(LogLevel.Error, new EventId(5005), new IOException("connection reset"), "sidecar gone");
        }

        return [.. error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];
    }
}
