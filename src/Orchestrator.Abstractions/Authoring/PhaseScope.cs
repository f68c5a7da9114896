using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>What a phase works with: the request, its shared context, config, input, workspace and brief.</summary>
public sealed class PhaseScope
{
    /// <summary>Creates the scope of one attempt.</summary>
    /// <param name="request">The request the phase received; it must have a working directory.</param>
    public PhaseScope(PhaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        Context = new PhaseContextHelper(request);
        Config = new PhaseConfig(request.Config);
        Input = new PhaseInput(request.Input);
        Workspace = new Workspace(request.WorkingDirectory);
        Brief = PromptBrief.Render(request.Prompt, request.Config);
    }

    /// <summary>The request the phase received.</summary>
    public PhaseRequest Request { get; }

    /// <summary>Typed access to earlier phases' outputs and to run metadata.</summary>
    public PhaseContextHelper Context { get; }

    /// <summary>The effective config, read with fallbacks and type checks.</summary>
    public PhaseConfig Config { get; }

    /// <summary>The run input, read field by field.</summary>
    public PhaseInput Input { get; }

    /// <summary>The run's working directory, where artifacts are written.</summary>
    public Workspace Workspace { get; }

    /// <summary>The manifest's prompt with its config placeholders filled in, or <c>null</c> when none is mapped.</summary>
    public string? Brief { get; }

    /// <summary>The brief with one config value the phase settled itself (for example a language-dependent default).</summary>
    /// <param name="key">The config key the prompt refers to as <c>{{config.key}}</c>.</param>
    /// <param name="value">The value to show.</param>
    /// <returns>The brief, or null when no prompt is mapped.</returns>
    public string? BriefWith(string key, string value) =>
        PromptBrief.Render(Request.Prompt, Request.Config.SetItem(key, System.Text.Json.JsonSerializer.SerializeToElement(value)));

    /// <summary>The brief as a markdown block quote to open an artifact with, or an empty string.</summary>
    public string BriefBlock => Brief is null
        ? string.Empty
        : string.Join('\n', Brief.Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line)) + "\n\n";
}
