using Microsoft.Extensions.Configuration;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>
/// Settings from <c>ORCHESTRATOR_*</c> variables of the command's environment (<c>ORCHESTRATOR_SIDECAR__PORT</c> is
/// <c>Sidecar:Port</c>), the way <c>serve</c> reads its configuration.
/// </summary>
internal static class CliConfiguration
{
    private const string EnvironmentPrefix = ServeHost.EnvironmentPrefix;

    /// <summary>Binds one section from the command's environment onto <paramref name="target"/>; a value of the wrong type is a usage error.</summary>
    public static void Bind(CliContext context, string section, object target)
    {
        var pairs = context.Discovery.Environment
            .Where(p => p.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(p => KeyValuePair.Create(p.Key[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)p.Value));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
        try
        {
            configuration.GetSection(section).Bind(target);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException($"{ex.Message} It comes from an {EnvironmentPrefix}{section.ToUpperInvariant()}__* environment variable; fix or unset it.", ex);
        }
    }
}
