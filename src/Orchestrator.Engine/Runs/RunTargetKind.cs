namespace Orchestrator.Engine.Runs;

/// <summary>What a <see cref="RunRequest.Target"/> names.</summary>
public enum RunTargetKind
{
    /// <summary>A workflow if one has that name, else a plugin (the CLI's <c>run NAME</c>).</summary>
    Any,

    /// <summary>Only a workflow.</summary>
    Workflow,

    /// <summary>Only a plugin, even when a workflow has the same name.</summary>
    Plugin,
}
