using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.BuiltInPlugins.Tests;

/// <summary>
/// Each built-in manifest declares the input_schema its first phase really needs, so a run without it is rejected
/// before it is scheduled: the schema requires exactly what the phase code refuses to run without.
/// </summary>
public sealed class BuiltInInputSchemaTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string, string[], string> Plugins() => new()
    {
        { "docs", "collect", ["source"], """{"source": "src", "title": "Guide"}""" },
        { "fiction", "premise", ["premise"], """{"premise": "A ferry that only sails in fog", "genre": "mystery", "chapters": 3, "title": null}""" },
        { "code", "analyze", ["project", "features"], """{"project": "Tide Tables", "features": ["parse tables"], "language": "python", "request": "A tool."}""" },
    };

    [Theory]
    [MemberData(nameof(Plugins))]
    public async Task FirstPhase_InputSchema_RequiresWhatThePhaseCodeRequires(string plugin, string phase, string[] required, string example)
    {
        var manifest = BuiltInRun.ReadManifest(plugin);
        var first = manifest.Phases.MinBy(p => p.Order).ShouldNotBeNull();
        first.Name.ShouldBe(phase);
        var schema = first.InputSchema.ShouldNotBeNull();
        schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(required, ignoreOrder: true);
        SchemaValidation.Validate(schema, JsonDocument.Parse(example).RootElement).ShouldBeEmpty();

        foreach (var field in required)
        {
            var without = JsonNode.Parse(example)!.AsObject();
            without.Remove(field);
            var input = JsonSerializer.SerializeToElement(without);

            SchemaValidation.Validate(schema, input).ShouldHaveSingleItem().ShouldContain(field);
            var refused = await Should.ThrowAsync<PhaseInputException>(() => new BuiltInRun(plugin, _temp.Path).RunPhaseAsync(phase, input));
            refused.Message.ShouldContain($"\"{field}\"");
        }
    }

    [Theory]
    [InlineData("docs", """{"source": "   "}""")]
    [InlineData("docs", """{"source": "src", "title": 5}""")]
    [InlineData("fiction", """{"premise": "x", "genre": "western"}""")]
    [InlineData("fiction", """{"premise": "x", "chapters": 13}""")]
    [InlineData("code", """{"project": "x", "features": []}""")]
    [InlineData("code", """{"project": "x", "features": ["ok", ""]}""")]
    [InlineData("code", """{"project": "x", "features": ["ok"], "language": "cobol"}""")]
    public async Task FirstPhase_InputTheCodeRefuses_TheSchemaRefusesToo(string plugin, string input)
    {
        var manifest = BuiltInRun.ReadManifest(plugin);
        var first = manifest.Phases.MinBy(p => p.Order)!;
        var json = JsonDocument.Parse(input).RootElement.Clone();

        SchemaValidation.Validate(first.InputSchema!.Value, json).ShouldNotBeEmpty();
        await Should.ThrowAsync<PhaseInputException>(() => new BuiltInRun(plugin, _temp.Path).RunPhaseAsync(first.Name, json));
    }
}
