using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>
/// The sandbox settings of the command's environment (<c>ORCHESTRATOR_PLUGINS__SANDBOX</c>,
/// <c>ORCHESTRATOR_PLUGINS__BWRAPPATH</c>; docs/process-protocol.md#sandbox), read before anything starts.
/// </summary>
internal static class PluginSettings
{
    private const string SandboxVariable = "ORCHESTRATOR_PLUGINS__SANDBOX";

    /// <summary>Reads and checks the settings; the result sets them on a catalog's options.</summary>
    /// <exception cref="UsageException">A value is not a setting's value, e.g. a sandbox mode other than on or off.</exception>
    public static Action<PluginOptions> Read(CliContext context)
    {
        var setting = context.Discovery.Environment.FirstOrDefault(p => p.Key.Equals(SandboxVariable, StringComparison.OrdinalIgnoreCase)).Value;
        if (PluginOptions.SandboxSettingProblem(setting) is { } problem)
        {
            throw new UsageException(problem);
        }

        var read = new PluginOptions();
        CliConfiguration.Bind(context, PluginOptions.SectionName, read);

        return options =>
        {
            options.Sandbox = read.Sandbox;
            options.BwrapPath = read.BwrapPath;
        };
    }
}
