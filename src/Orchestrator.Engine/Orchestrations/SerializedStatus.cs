using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// A <see cref="RunProgress"/> serialized once, measured, and handed to <c>SetCustomStatus</c> as it is: the data
/// converter writes its bytes without serializing the progress again.
/// </summary>
[JsonConverter(typeof(SerializedStatusConverter))]
internal sealed class SerializedStatus(byte[] json)
{
    public byte[] Json { get; } = json;

    private sealed class SerializedStatusConverter : JsonConverter<SerializedStatus>
    {
        public override SerializedStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new SerializedStatus(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, options));
        }

        public override void Write(Utf8JsonWriter writer, SerializedStatus value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
