using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.BuiltIn.Authoring;

/// <summary>What a built-in phase works with: the request, its shared context, config, input, workspace and brief.</summary>
internal sealed class PhaseScope
{
    public PhaseScope(PhaseRequest request)
    {
        Request = request;
        Context = new PhaseContextHelper(request);
        Config = new PhaseConfig(request.Config);
        Input = new PhaseInput(request.Input);
        Workspace = new Workspace(request.WorkingDirectory);
        Brief = PromptBrief.Render(request.Prompt, request.Config);
    }

    public PhaseRequest Request { get; }

    /// <summary>Typed access to earlier phases' outputs and to run metadata.</summary>
    public PhaseContextHelper Context { get; }

    public PhaseConfig Config { get; }

    public PhaseInput Input { get; }

    public Workspace Workspace { get; }

    /// <summary>The manifest's prompt with its config placeholders filled in, or <c>null</c> when none is mapped.</summary>
    public string? Brief { get; }

    /// <summary>The brief with one config value the phase settled itself (for example a language-dependent default).</summary>
    public string? BriefWith(string key, string value) =>
        PromptBrief.Render(Request.Prompt, Request.Config.SetItem(key, System.Text.Json.JsonSerializer.SerializeToElement(value)));

    /// <summary>The brief as a markdown block quote to open an artifact with, or an empty string.</summary>
    public string BriefBlock => Brief is null
        ? string.Empty
        : string.Join('\n', Brief.Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line)) + "\n\n";
}
