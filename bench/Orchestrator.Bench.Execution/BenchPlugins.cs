using System.Diagnostics;

namespace Orchestrator.Bench.Execution;

/// <summary>Writes the measured plugins into a search path.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class BenchPlugins
{
    private const string NoopC = """
        #include <stdio.h>
        #include <string.h>
        int main(int argc, char **argv) {
            char buffer[65536];
            if (argc > 1 && strcmp(argv[1], "info") == 0) { puts("{\"name\":\"noop-c\",\"version\":\"1.0.0\",\"protocol\":1,\"phases\":[\"noop\"]}"); return 0; }
            if (argc > 1 && strcmp(argv[1], "validate") == 0) return 0;
            while (fread(buffer, 1, sizeof buffer, stdin) > 0) { }
            puts("{\"output\":null}");
            return 0;
        }
        """;

    public static void WriteBuiltIn(string root) =>
        Manifest(root, "noop-builtin", "type: builtin\n", "noop");

    public static void WriteAssembly(string root, string repository)
    {
        var source = Path.Combine(repository, "plugins", "wordcount-dotnet");
        var target = Path.Combine(root, "wordcount-dotnet");
        Directory.CreateDirectory(target);
        foreach (var file in new[] { "WordCount.dll", "WordCount.deps.json", "plugin.yaml" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(target, file));
        }

        Directory.CreateDirectory(Path.Combine(target, "prompts"));
        File.Copy(Path.Combine(source, "prompts", "top.md"), Path.Combine(target, "prompts", "top.md"));
    }

    public static string WriteScript(string root)
    {
        var directory = Manifest(root, "noop-sh", "type: external\nbinary: true\nentry_point: run\n", "noop");
        var entry = Path.Combine(directory, "run");
        File.WriteAllText(entry, """
            #!/bin/sh
            case "$1" in
              info) echo '{"name":"noop-sh","version":"1.0.0","protocol":1,"phases":["noop"]}' ;;
              validate) exit 0 ;;
              *) cat > /dev/null; echo '{"output":null}' ;;
            esac
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return entry;
    }

    /// <summary>Compiles the C no-op with the system C compiler; null when there is none.</summary>
    public static string? WriteCompiled(string root)
    {
        var directory = Manifest(root, "noop-c", "type: external\nbinary: true\nentry_point: noop\n", "noop");
        var source = Path.Combine(root, "noop.c");
        File.WriteAllText(source, NoopC);
        var entry = Path.Combine(directory, "noop");
        try
        {
            using var cc = Process.Start("cc", ["-O2", "-o", entry, source]);
            cc.WaitForExit(60_000);
            if (cc.ExitCode == 0)
            {
                return entry;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No C compiler on this machine.
        }

        Directory.Delete(directory, recursive: true);
        return null;
    }

    private static string Manifest(string root, string name, string kind, string phase)
    {
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, "plugin.yaml"),
            $"name: {name}\nversion: 1.0.0\n{kind}domains: [code]\nphases:\n  - name: {phase}\n    order: 1\n");
        return directory;
    }
}
