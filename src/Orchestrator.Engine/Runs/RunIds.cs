using System.Globalization;
using System.Security.Cryptography;

namespace Orchestrator.Engine.Runs;

/// <summary>Run ids: readable, unique, and safe as a directory name.</summary>
public static class RunIds
{
    /// <summary>The longest run id accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>A new id such as <c>docs-20261125-010203-a1b2c3d4</c>.</summary>
    public static string New(string name, DateTimeOffset now)
    {
        var prefix = new string([.. name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40)]);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return string.Create(CultureInfo.InvariantCulture, $"{(prefix.Length == 0 ? "run" : prefix)}-{now:yyyyMMdd-HHmmss}-{suffix}");
    }

    /// <summary>Why a client-supplied run id is unusable, or null when it is fine.</summary>
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

        if (runId is "." or ".." || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            return $"run id '{runId}' may hold only letters, digits, '-', '_', '.' and ':'";
        }

        return null;
    }

    /// <summary>Throws when <paramref name="runId"/> is unusable.</summary>
    /// <exception cref="ArgumentException">The id is empty, too long, or holds other characters.</exception>
    public static void Check(string runId)
    {
        if (Problem(runId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(runId));
        }
    }
}
