using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace TestPlugin.Greeter;

/// <summary>Greets the input's name, writes greeting.txt and records who was greeted.</summary>
public sealed class GreetPhase : IPhase
{
#if V2
    private const string Release = "v2";
#else
    private const string Release = "v1";
#endif

    public string Name => "greet";

    public async Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
    {
        var name = request.Input.ValueKind == JsonValueKind.Object && request.Input.TryGetProperty("name", out var n) ? n.GetString() : "world";
        var punctuation = request.Config.TryGetValue("punctuation", out var p) ? p.GetString() : "!";
        var greeting = $"Hello, {name}{punctuation} ({Release})";
        await File.WriteAllTextAsync(Path.Combine(request.WorkingDirectory, "greeting.txt"), greeting, cancellationToken);
        var output = JsonSerializer.SerializeToElement(new { greeting, prompt = request.Prompt, attempt = request.Attempt });
        return new PhaseResult
        {
            Output = output,
            Metadata = System.Collections.Immutable.ImmutableDictionary<string, JsonElement>.Empty.Add("greeted", JsonSerializer.SerializeToElement(name)),
            Artifacts = ["greeting.txt"],
        };
    }
}
