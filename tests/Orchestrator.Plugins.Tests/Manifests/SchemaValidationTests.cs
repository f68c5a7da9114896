using System.Text.Json;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

public sealed class SchemaValidationTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        { "type": "object", "properties": { "topic": { "type": "string", "minLength": 3 } }, "required": ["topic"] }
        """).RootElement;

    [Fact]
    public void Validate_MatchingValue_ReturnsNoErrors()
    {
        SchemaValidation.Validate(Schema, JsonDocument.Parse("""{ "topic": "ships" }""").RootElement).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ValueBreakingSchema_ReturnsPointerAndReason()
    {
        var errors = SchemaValidation.Validate(Schema, JsonDocument.Parse("""{ "topic": "x" }""").RootElement);

        errors.ShouldHaveSingleItem().ShouldStartWith("at /topic: ");
    }

    [Fact]
    public void Validate_MissingRequiredProperty_ReturnsError()
    {
        var errors = SchemaValidation.Validate(Schema, JsonDocument.Parse("{}").RootElement);

        errors.ShouldHaveSingleItem().ShouldContain("topic");
    }
}
