using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Phases;

/// <summary>What one attempt of a phase receives.</summary>
public sealed record PhaseRequest
{
    private readonly PluginContext _context = new();
    private readonly string _workingDirectory = string.Empty;

    /// <summary>The run (durable instance) id.</summary>
    public required string RunId { get; init; }

    /// <summary>The plugin name.</summary>
    public required string Plugin { get; init; }

    /// <summary>The plugin version the run pinned at start.</summary>
    public required string PluginVersion { get; init; }

    /// <summary>The phase name.</summary>
    public required string Phase { get; init; }

    /// <summary>The attempt number, starting at 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The run input as JSON (<see cref="JsonValueKind.Undefined"/> when the run has none).</summary>
    public JsonElement Input { get; init; }

    /// <summary>The effective config for this phase: plugin defaults, workflow and request config, phase overrides.</summary>
    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The prompt text mapped to this phase by the manifest's <c>prompts</c>, if any.</summary>
    public string? Prompt { get; init; }

    /// <summary>
    /// The run's shared context as this attempt sees it: the outputs of the phases that already completed, the run
    /// metadata, and this attempt's metadata changes, which are merged into the run when the attempt succeeds.
    /// Copies made with <c>with</c> share it. An empty context when none is given (or <c>null</c>).
    /// </summary>
    public PluginContext Context
    {
        get => _context;
        init => _context = value ?? new PluginContext();
    }

    /// <summary>
    /// The run's working directory, where artifacts are written. It exists once this is read: the engine creates a run's
    /// workspace when a phase first asks for it, so that a run whose phases write no file makes no directory.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be created.</exception>
    public required string WorkingDirectory
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(_workingDirectory))
            {
                Directory.CreateDirectory(_workingDirectory);
            }

            return _workingDirectory;
        }

        init => _workingDirectory = value ?? string.Empty;
    }
}
