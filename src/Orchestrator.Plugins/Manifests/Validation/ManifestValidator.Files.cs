using System.Collections.Immutable;
using Orchestrator.Documents.Files;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Reading;

namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>Fields that name files in the plugin directory: <c>prompts</c> and <c>entry_point</c>.</summary>
internal sealed partial class ManifestValidator
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private ImmutableDictionary<string, string> Prompts(MappingReader r, ImmutableArray<PhaseManifest> phases)
    {
        var prompts = r.StringMap("prompts");
        var map = r.Get("prompts") as MappingNode;
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var phaseNames = phases.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (phase, file) in prompts)
        {
            map!.TryGetValue(phase, out var node);
            var path = FieldPath.Child("prompts", phase);
            var known = phaseNames.Contains(phase);
            // With no valid phases (already reported), naming a phase cannot be checked.
            if (!known && !phases.IsEmpty)
            {
                problems.Error(path, node.Line, $"'{phase}' is not a phase of this plugin; prompts keys must name phases ({Listing.Of(phases.Select(p => p.Name).ToList())})");
            }
            else if (CheckFile(path, node.Line, file, executable: false))
            {
                result[phase] = file;
            }
        }

        return result.ToImmutable();
    }

    private string? EntryPoint(MappingReader r, PluginType? type, bool binary)
    {
        var entryPoint = r.String("entry_point");
        if (type == PluginType.External && entryPoint is null && r.Get("entry_point") is null)
        {
            problems.Error("entry_point", r.Mapping.Line, "is required for external plugins: an executable (binary: true) or a .NET assembly (binary: false), relative to the plugin directory");
            return null;
        }

        if (entryPoint is not { } entry)
        {
            return null;
        }

        if (type == PluginType.Builtin)
        {
            problems.Warning("entry_point", entry.Node.Line, "is ignored for builtin plugins");
        }

        return CheckFile("entry_point", entry.Node.Line, entry.Value, executable: binary && type == PluginType.External) ? entry.Value : null;
    }

    /// <summary>Containment and existence of a file the manifest names; true when it passes.</summary>
    private bool CheckFile(string path, int line, string file, bool executable)
    {
        if (PluginPaths.CheckRelative(file) is { } lexical)
        {
            problems.Error(path, line, lexical);
            return false;
        }

        if (pluginDirectory is null)
        {
            return true;
        }

        if (PluginPaths.Resolve(pluginDirectory, file, out var resolved) is { } escape)
        {
            problems.Error(path, line, escape);
            return false;
        }

        if (FileProblem(file, resolved) is { } problem)
        {
            problems.Error(path, line, problem);
            return false;
        }

        if (executable && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(resolved) & AnyExecute) == 0)
        {
            problems.Error(path, line, $"'{file}' is not executable; run chmod +x on it (binary: true needs an executable)");
            return false;
        }

        return true;
    }

    /// <summary>What keeps a named file from being used: missing, a directory, or a FIFO, device or socket (never opened).</summary>
    private static string? FileProblem(string file, string resolved)
    {
        try
        {
            return SafeFiles.KindOf(resolved, followLinks: true) switch
            {
                FileKind.Regular => null,
                FileKind.Missing => $"'{file}' does not exist in the plugin directory",
                FileKind.Directory => $"'{file}' is a directory; name a file",
                var kind => $"'{file}' is {SafeFiles.Describe(kind)}, not a regular file; name a regular file",
            };
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
