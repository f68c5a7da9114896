using System.Globalization;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Payloads;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// Keeps a <see cref="RunProgress"/> within <see cref="RunProgress.MaxCharacters"/>: first the shared data goes, then
/// the artifact list, then old errors and long texts are cut. Whatever is left out is named in
/// <see cref="RunProgress.Omitted"/>; nothing is ever dropped silently.
/// </summary>
internal static class ProgressBudget
{
    /// <summary>How many of the latest errors a trimmed status keeps.</summary>
    internal const int KeptErrors = 10;

    /// <summary>How many of the latest completed phases a trimmed status keeps.</summary>
    internal const int KeptCompleted = 50;

    /// <summary>The longest error or summary text in a trimmed status.</summary>
    internal const int MaxText = 500;

    /// <summary>The JSON length of <paramref name="value"/> as the engine's data converter writes it.</summary>
    public static int Measure<T>(T value) => JsonSerializer.Serialize(value, OrchestratorJson.Options).Length;

    /// <summary>The JSON length <paramref name="shared"/> and <paramref name="context"/> add to a status.</summary>
    public static int MeasureShared(SharedData? shared, PhaseContextInput? context) =>
        (shared is null ? 0 : Measure(shared)) + (context is null ? 0 : Measure(context) + "\"context\":,".Length);

    /// <param name="progress">The whole status, shared data and artifacts included.</param>
    /// <param name="sharedLength">
    /// The JSON length of <see cref="RunProgress.SharedData"/> and <see cref="RunProgress.Context"/>, when the caller has
    /// measured it already.
    /// </param>
    public static RunProgress Fit(RunProgress progress, int? sharedLength = null)
    {
        var shared = sharedLength ?? MeasureShared(progress.SharedData, progress.Context);
        var rest = progress with { SharedData = null, Context = null };
        var length = Measure(rest) + shared + "\"shared_data\":,".Length;
        if (length <= RunProgress.MaxCharacters)
        {
            return progress;
        }

        var full = string.Create(CultureInfo.InvariantCulture, $"{length:N0}");
        var why = $"left out to keep the status within {RunProgress.MaxCharacters:N0} characters (it would be at least {full})";
        var withoutShared = rest with { Omitted = $"shared data {why}; a completed run has it in its output" };
        if ((progress.SharedData is not null || progress.Context is not null) && Measure(withoutShared) <= RunProgress.MaxCharacters)
        {
            return withoutShared;
        }

        var trimmed = rest with
        {
            Artifacts = [],
            Errors = [.. progress.Errors.TakeLast(KeptErrors).Select(Cut)],
            Completed = [.. progress.Completed.TakeLast(KeptCompleted)],
            Summary = Cut(progress.Summary),
            Omitted = string.Create(
                CultureInfo.InvariantCulture,
                $"shared data, artifacts, all but the last {KeptErrors} errors and {KeptCompleted} completed phases, and text beyond {MaxText} characters {why}; a completed run has them in its output"),
        };
        return trimmed;
    }

    private static string Cut(string text) => text.Length <= MaxText ? text : string.Concat(text.AsSpan(0, MaxText), "…");
}
