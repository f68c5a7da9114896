using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// Signals the processes of one call. Sandboxed calls (docs/process-protocol.md#sandbox) are signalled through the
/// sandbox's own process group, which bwrap's <c>--new-session</c> gives its init and the entry: SIGTERM reaches the
/// entry (the init of a PID namespace ignores it), SIGKILL ends the init and with it every process in the namespace,
/// however it detached. bwrap itself is left out of the group so that it stays alive to report the entry's exit.
/// </summary>
internal sealed class ProcessTree(Process process, TreeKind kind)
{
    private int _sandboxGroup;

    /// <summary>The process group signalled, for messages.</summary>
    public int GroupId => kind switch
    {
        TreeKind.Group => process.Id,
        TreeKind.Sandbox => SandboxGroup() ?? process.Id,
        _ => 0,
    };

    /// <summary>The graceful signal: SIGTERM to the group (without a group, the whole tree is killed).</summary>
    public void Terminate()
    {
        switch (kind)
        {
            case TreeKind.Group:
                ProcessGroup.Signal(process.Id, ProcessGroup.SigTerm);
                break;
            case TreeKind.Sandbox when SandboxGroup() is { } group:
                ProcessGroup.Signal(group, ProcessGroup.SigTerm);
                break;
            default:
                Kill();
                break;
        }
    }

    /// <summary>
    /// SIGKILL to everything of the call. A sandbox's init is killed, not bwrap, so that bwrap reaps it and exits;
    /// <see cref="KillHost"/> is the fallback when the init cannot be found.
    /// </summary>
    public void Kill()
    {
        switch (kind)
        {
            case TreeKind.Group:
                ProcessGroup.Signal(process.Id, ProcessGroup.SigKill);
                break;
            case TreeKind.Sandbox when SandboxGroup() is { } group:
                ProcessGroup.Signal(group, ProcessGroup.SigKill);
                break;
            default:
                KillHost();
                break;
        }
    }

    /// <summary>Kills the started process itself (for a sandbox, bwrap, whose death kills the sandbox's init too).</summary>
    public void KillHost()
    {
        try
        {
            process.Kill(entireProcessTree: kind == TreeKind.Plain);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It has exited already.
        }
    }

    /// <summary>
    /// After the entry exited: whatever it left running in its group does not outlive the call. A sandbox needs
    /// nothing here: its namespace ended with it.
    /// </summary>
    public void KillLeftovers()
    {
        if (kind == TreeKind.Group)
        {
            ProcessGroup.Signal(process.Id, ProcessGroup.SigKill);
        }
    }

    // bwrap's only child is the sandbox's init, whose pid is the sandbox's process group; read once, while bwrap runs.
    private int? SandboxGroup()
    {
        if (_sandboxGroup != 0)
        {
            return _sandboxGroup;
        }

        try
        {
            var children = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (children.Length > 0 && int.TryParse(children[0], NumberStyles.None, CultureInfo.InvariantCulture, out var init))
            {
                _sandboxGroup = init;
                return init;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // bwrap has exited, or has not made the sandbox yet.
        }

        return null;
    }
}
