using System.Globalization;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Plugins;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>Writes <c>plugins info</c> as aligned plain text: fields, then the phases table.</summary>
internal static class PluginInfoText
{
    private const string None = "-";

    public static async Task WriteAsync(TextWriter output, PluginDetail info)
    {
        var fields = new TextTable("FIELD", "VALUE");
        fields.AddRow("name", info.Name);
        fields.AddRow("version", info.Version);
        fields.AddRow("status", info.Reason is null ? info.Status : $"{info.Status}: {info.Reason}");
        fields.AddRow("description", info.Description ?? None);
        fields.AddRow("type", info.Type);
        fields.AddRow("domains", List(info.Domains));
        fields.AddRow("author", info.Author ?? None);
        fields.AddRow("license", info.License ?? None);
        fields.AddRow("homepage", info.Homepage ?? None);
        fields.AddRow("repository", info.Repository ?? None);
        fields.AddRow("tags", List(info.Tags));
        fields.AddRow("created", info.Created?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) ?? None);
        fields.AddRow("updated", info.Updated?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) ?? None);
        fields.AddRow("min_version", info.MinVersion ?? None);
        fields.AddRow("max_version", info.MaxVersion ?? None);
        fields.AddRow("dependencies", List(info.Dependencies.Select(Dependency)));
        fields.AddRow("entry_point", info.EntryPoint ?? None);
        fields.AddRow("binary", info.Binary ? "true" : "false");
        fields.AddRow("language", info.Language ?? None);
        fields.AddRow("required_config", List(info.RequiredConfig));
        fields.AddRow("config_schema", info.ConfigSchema is { } schema ? Compact(schema) : None);
        fields.AddRow("default_config", info.DefaultConfig.IsEmpty ? None : Compact(info.DefaultConfig));
        fields.AddRow("output_spec", info.OutputSpec is { } outputs ? Compact(outputs) : None);
        fields.AddRow("resource_spec", info.ResourceSpec is { } resources ? Compact(resources) : None);
        fields.AddRow("path", info.Path ?? None);
        fields.AddRow("manifest", info.ManifestPath ?? None);
        fields.AddRow("source", $"{info.Source} ({info.SearchPath})");
        await fields.WriteAsync(output);

        await output.WriteLineAsync();
        await output.WriteLineAsync("Phases:");
        var phases = new TextTable("ORDER", "NAME", "REQUIRED", "PARALLEL", "APPROVAL", "RETRIES", "TIMEOUT", "ESTIMATE", "PROMPT", "DESCRIPTION");
        foreach (var phase in info.Phases)
        {
            phases.AddRow(
                phase.Order.ToString(CultureInfo.InvariantCulture),
                phase.Name,
                Flag(phase.Required),
                Flag(phase.Parallel),
                Flag(phase.Approval),
                phase.Retryable ? $"{phase.MaxRetries} every {DurationText.FromSeconds(phase.RetryIntervalSeconds)}" : None,
                DurationText.FromSeconds(phase.TimeoutSeconds) ?? None,
                DurationText.FromSeconds(phase.EstimatedTimeSeconds) ?? None,
                phase.Prompt ?? None,
                phase.Description ?? None);
        }

        await phases.WriteAsync(output, "  ");

        if (info.Warnings.Length > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Warnings:");
            foreach (var warning in info.Warnings)
            {
                await output.WriteLineAsync($"  {warning.File}:{warning.Line}: {warning.Field}: {warning.Message}");
            }
        }
    }

    private static string Dependency(DependencyStatus dependency)
    {
        var found = dependency.FoundVersion is null ? "not found" : dependency.Satisfied ? dependency.FoundVersion : $"found {dependency.FoundVersion}, outside the range";
        return $"{dependency.Name}@{dependency.Range} ({found})";
    }

    private static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? None : text;
    }

    private static string Flag(bool value) => value ? "yes" : "no";

    private static string Compact<T>(T value) => CliJson.ToCompact(value);
}
