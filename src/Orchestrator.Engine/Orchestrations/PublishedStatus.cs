using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// A <see cref="RunProgress"/> handed to <c>SetCustomStatus</c>, serialized and kept within
/// <see cref="RunProgress.MaxCharacters"/> only when the data converter writes it. The SDK serializes the custom
/// status once, when the episode ends, so a replay publishing the statuses of the events it reads again costs nothing;
/// made from a function, the progress itself is built only then, from the run's state at the end of the episode.
/// </summary>
[JsonConverter(typeof(PublishedStatusConverter))]
internal sealed class PublishedStatus(Func<RunProgress> progress)
{
    public PublishedStatus(RunProgress progress)
        : this(() => progress)
    {
    }

    public RunProgress Progress => progress();

    private sealed class PublishedStatusConverter : JsonConverter<PublishedStatus>
    {
        public override PublishedStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<RunProgress>(ref reader, options) ?? new RunProgress());

        public override void Write(Utf8JsonWriter writer, PublishedStatus value, JsonSerializerOptions options)
        {
            // Bytes are at least as many as characters, so a status within the limit in bytes is within it; only a
            // bigger one is measured and trimmed.
            var progress = value.Progress;
            var json = JsonSerializer.SerializeToUtf8Bytes(progress, options);
            if (json.Length <= RunProgress.MaxCharacters)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
                return;
            }

            JsonSerializer.Serialize(writer, ProgressBudget.Fit(progress), options);
        }
    }
}
