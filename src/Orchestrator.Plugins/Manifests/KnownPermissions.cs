using System.Collections.Immutable;

namespace Orchestrator.Plugins.Manifests;

/// <summary>The values <c>resource_spec.permissions</c> accepts (docs/manifest.md#resource_spec); any other value is an error.</summary>
public static class KnownPermissions
{
    /// <summary>The host network, inside the sandbox too; the same as <c>network_required: true</c>.</summary>
    public const string Network = "network";

    /// <summary>Writing the run's workspace, which every plugin may; declaring it documents that the plugin writes artifacts.</summary>
    public const string WorkspaceWrite = "workspace.write";

    /// <summary>Every accepted value with what it grants, for messages and documentation.</summary>
    public static readonly ImmutableArray<(string Name, string Meaning)> All =
    [
        (Network, "the host network, as network_required: true"),
        (WorkspaceWrite, "writing the run's workspace, granted to every plugin"),
    ];

    /// <summary>The error for a value that is not accepted, or null.</summary>
    public static string? Check(string permission) =>
        All.Any(p => string.Equals(p.Name, permission, StringComparison.Ordinal))
            ? null
            : $"'{permission}' is not a permission Orchestrator grants; use {string.Join(" or ", All.Select(p => $"'{p.Name}' ({p.Meaning})"))}, or remove it";
}
