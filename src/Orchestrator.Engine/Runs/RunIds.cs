using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Runs;

/// <summary>Run ids: readable, unique, and safe as a directory name.</summary>
public static partial class RunIds
{
    /// <summary>The longest run id accepted.</summary>
    public const int MaxLength = 100;

    // A step's id is its workflow run's id plus ":step<n>" (docs/running-workflows.md#workflow-files).
    private const int MaxStepSuffixLength = 16;

    /// <summary>
    /// A new id such as <c>docs-20261125-010203-a1b2c3d4e5f6</c>: 48 random bits, so that even a thousand runs started
    /// in one second have about one chance in 10^9 that two get the same id, which is why a start does not look it up.
    /// </summary>
    public static string New(string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<char> prefix = stackalloc char[40];
        var length = 0;
        foreach (var c in name)
        {
            if (length == prefix.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                prefix[length++] = c;
            }
        }

        // Unique, not secret: a run id is no credential. The cryptographic generator asks the kernel every time.
        Span<byte> random = stackalloc byte[6];
        Random.Shared.NextBytes(random);
        ReadOnlySpan<char> kept = length == 0 ? "run" : prefix[..length];
        return string.Create(CultureInfo.InvariantCulture, $"{kept}-{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(random)}");
    }

    /// <summary>The id of step <paramref name="step"/> (1-based) of workflow run <paramref name="runId"/>.</summary>
    public static string Step(string runId, int step) => string.Create(CultureInfo.InvariantCulture, $"{runId}:step{step}");

    /// <summary>
    /// Why a client-supplied run id is unusable, or null when it is fine. Ids ending in <c>:step&lt;n&gt;</c> are
    /// reserved for the steps of workflow runs, so that no run can take the place of another run's step.
    /// </summary>
    public static string? Problem(string runId)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return "the run id is empty";
        }

        if (runId.Length > MaxLength)
        {
            return $"the run id is longer than {MaxLength} characters";
        }

        if (!HasValidCharacters(runId))
        {
            return $"run id '{runId}' may hold only letters, digits, '-', '_', '.' and ':'";
        }

        if (runId.StartsWith(Schedules.ScheduleNames.InstancePrefix, StringComparison.Ordinal))
        {
            return $"run id '{runId}' starts with '{Schedules.ScheduleNames.InstancePrefix}', which is reserved for the schedules of workflows (docs/schedules.md); choose another id";
        }

        if (StepSuffix().Match(runId) is { Success: true } step)
        {
            return $"run id '{runId}' ends in '{step.Value}', which is reserved: '{runId}' is the id of step {step.Groups[1].Value} of workflow run '{runId[..step.Index]}'; choose an id that does not end in ':step<n>'";
        }

        return null;
    }

    /// <summary>Whether <paramref name="runId"/> could be the id of any run, a workflow step's included.</summary>
    public static bool IsWellFormed(string runId) =>
        !string.IsNullOrEmpty(runId) && runId.Length <= MaxLength + MaxStepSuffixLength && HasValidCharacters(runId);

    /// <summary>Throws when <paramref name="runId"/> is unusable.</summary>
    /// <exception cref="ArgumentException">The id is empty, too long, holds other characters or is reserved.</exception>
    public static void Check(string runId)
    {
        if (Problem(runId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(runId));
        }
    }

    private static bool HasValidCharacters(string runId) =>
        runId is not ("." or "..") && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    [GeneratedRegex(@":step([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepSuffix();
}
