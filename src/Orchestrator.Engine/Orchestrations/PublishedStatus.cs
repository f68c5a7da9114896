using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// A <see cref="RunProgress"/> handed to <c>SetCustomStatus</c>, serialized and kept within
/// <see cref="RunProgress.MaxCharacters"/> only when the data converter writes it. The SDK serializes the custom
/// status once, when the episode ends, so the statuses a replay publishes again on its way to the new events cost
/// nothing but the snapshot.
/// </summary>
[JsonConverter(typeof(PublishedStatusConverter))]
internal sealed class PublishedStatus(RunProgress progress)
{
    public RunProgress Progress { get; } = progress;

    private sealed class PublishedStatusConverter : JsonConverter<PublishedStatus>
    {
        public override PublishedStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<RunProgress>(ref reader, options) ?? new RunProgress());

        public override void Write(Utf8JsonWriter writer, PublishedStatus value, JsonSerializerOptions options)
        {
            // Bytes are at least as many as characters, so a status within the limit in bytes is within it; only a
            // bigger one is measured and trimmed.
            var json = JsonSerializer.SerializeToUtf8Bytes(value.Progress, options);
            if (json.Length <= RunProgress.MaxCharacters)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
                return;
            }

            JsonSerializer.Serialize(writer, ProgressBudget.Fit(value.Progress), options);
        }
    }
}
