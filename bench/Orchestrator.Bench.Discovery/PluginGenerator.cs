using System.Globalization;
using System.Text;

/// <summary>Writes realistic plugin directories: manifest with phases, schemas and config, plus prompt files.</summary>
internal static class PluginGenerator
{
    private static readonly string[] Domains = ["fiction", "code", "docs"];

    /// <summary>Creates <paramref name="count"/> plugins under <paramref name="directory"/>; returns the manifest paths.</summary>
    public static IReadOnlyList<string> Generate(string directory, int count)
    {
        var files = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var name = $"plugin-{i.ToString("D4", CultureInfo.InvariantCulture)}";
            var pluginDir = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.Combine(pluginDir, "prompts"));
            File.WriteAllText(Path.Combine(pluginDir, "prompts", "draft.md"), "Write the draft for {{input}}.\n");
            File.WriteAllText(Path.Combine(pluginDir, "prompts", "review.md"), "Review {{phase_outputs.draft}}.\n");
            var manifest = Path.Combine(pluginDir, "plugin.yaml");
            File.WriteAllText(manifest, Manifest(name, i));
            files.Add(manifest);
        }

        return files;
    }

    private static string Manifest(string name, int index)
    {
        var dependency = index > 0 && index % 10 == 0 ? $"dependencies: [\"plugin-{(index - 1).ToString("D4", CultureInfo.InvariantCulture)}@^1.0\"]\n" : string.Empty;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            name: {{name}}
            version: 1.{{index % 7}}.{{index % 13}}
            description: Generated plugin number {{index}} for the discovery benchmark.
            author: Bench
            license: MIT
            tags: [generated, bench]
            created: 2026-11-01T09:00:00Z
            type: builtin
            min_version: 0.1.0
            domains: [{{Domains[index % Domains.Length]}}]
            {{dependency}}phases:
              - name: plan
                order: 1
                timeout: 10m
                retryable: true
                max_retries: 2
                retry_interval: 5s
              - name: draft
                order: 2
                parallel: true
                estimated_time: 5m
              - name: research
                order: 2
                parallel: true
              - name: review
                order: 3
                approval: true
              - name: polish
                order: 4
                required: false
                timeout: PT15M
            prompts:
              draft: prompts/draft.md
              review: prompts/review.md
            output_spec:
              primary_output: result.md
              secondary_outputs: [notes.md]
              file_patterns:
                parts: parts/*.md
            resource_spec:
              min_memory: 128MB
              max_memory: 1GiB
            config_schema:
              type: object
              properties:
                length: { type: integer, minimum: 1 }
                tone: { type: string }
              required: [length]
            default_config:
              length: {{100 + index}}
              tone: neutral
            required_config: [length]

            """);
        return text.ToString();
    }
}
