using System.Globalization;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Activities;

namespace Orchestrator.Engine.Payloads;

/// <summary>
/// Keeps a phase attempt's result within what one gRPC message between the worker and the sidecar carries. A result
/// over it would be refused by the sidecar (ResourceExhausted) and sent again forever; it fails the phase instead.
/// </summary>
public static class PhaseResultLimit
{
    /// <summary>
    /// The most bytes of JSON a phase result may have once its large values are stored by reference: gRPC's default
    /// message limit of 4 MiB less room for the rest of the message.
    /// </summary>
    public const int MaxResultBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The most characters of JSON the phase results of one run may keep in its history together. The sidecar hands the
    /// worker the whole history in one gRPC message, and a completed run's output holds every phase output again; over
    /// this the run fails rather than hang on messages that can never be delivered.
    /// </summary>
    public const long MaxRunResultCharacters = 3 * 1024 * 1024;

    /// <summary>The largest <see cref="EngineOptions.PayloadThreshold"/>: a tenth of <see cref="MaxResultBytes"/>.</summary>
    public const long MaxThreshold = MaxResultBytes / 10;

    /// <exception cref="PayloadException">The result's JSON is over <see cref="MaxResultBytes"/>.</exception>
    public static void Check(PhaseActivityResult result, string phase)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Bound(result) <= MaxResultBytes)
        {
            return;
        }

        var length = JsonSerializer.SerializeToUtf8Bytes(result, OrchestratorJson.Options).Length;
        if (length > MaxResultBytes)
        {
            throw new PayloadException(string.Create(
                CultureInfo.InvariantCulture,
                $"the result of phase '{phase}' is {length:N0} bytes of JSON after its large values were stored by reference, over the limit of {MaxResultBytes:N0} bytes for one result (one gRPC message); it holds too many values below Engine:PayloadThreshold: return fewer metadata keys, or lower the threshold"));
        }
    }

    private static long Bound(PhaseActivityResult result) =>
        JsonSize.Frame + JsonSize.Bound(result.Output) + JsonSize.Bound(result.Metadata) + JsonSize.Bound(result.Artifacts);
}
