namespace Orchestrator.Contracts;

/// <summary>Who a contract is built for, which decides whether it names files on this machine.</summary>
public enum Audience
{
    /// <summary>Someone on this machine (the CLI): plugin and workflow paths are filled in.</summary>
    Local,

    /// <summary>A REST API client, who cannot reach the server's disk: plugin and workflow paths are null.</summary>
    Remote,
}
