using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Orchestrator.Engine.Schedules;

/// <summary>Cron expressions (Cronos) and time zones of schedules: parsing with messages that say what to fix, and fire times.</summary>
public static class ScheduleCron
{
    /// <summary>Parses 5 fields (minute hour day month weekday) or 6 (second first).</summary>
    /// <param name="problem">What is wrong when it is not valid.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out CronExpression? expression, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        expression = null;
        var fields = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            problem = $"'{text}' has {fields} field(s); a cron expression has 5 (minute hour day-of-month month day-of-week, e.g. '0 2 * * *') or 6 with seconds first (e.g. '*/10 * * * * *')";
            return false;
        }

        try
        {
            expression = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            problem = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            problem = $"'{text}' is not a valid cron expression: {ex.Message}";
            return false;
        }
    }

    /// <summary>Finds an IANA time zone such as <c>Europe/Berlin</c>.</summary>
    /// <param name="problem">What is wrong when it is not found.</param>
    public static bool TryFindZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(id);
        zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problem = $"'{id}' is not a time zone this machine knows; give an IANA id such as UTC, Europe/Berlin or America/New_York";
            return false;
        }
    }

    /// <summary>The first fire strictly after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public static DateTimeOffset? Next(ScheduleDefinition definition, DateTimeOffset after)
    {
        var (expression, zone) = Resolve(definition);
        return expression.GetNextOccurrence(after, zone, inclusive: false)?.ToUniversalTime();
    }

    /// <summary>The last fire at or before <paramref name="now"/>, or null when there is none.</summary>
    public static DateTimeOffset? Latest(ScheduleDefinition definition, DateTimeOffset now)
    {
        var (expression, zone) = Resolve(definition);
        return expression.GetPreviousOccurrence(now, zone, inclusive: true)?.ToUniversalTime();
    }

    /// <summary>Whether <paramref name="at"/> is a fire time of the schedule.</summary>
    public static bool IsFire(ScheduleDefinition definition, DateTimeOffset at) => Latest(definition, at) == at;

    // A definition reaches here only after the workflow reader accepted its cron and time zone.
    private static (CronExpression Expression, TimeZoneInfo Zone) Resolve(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!TryParse(definition.Cron, out var expression, out var problem))
        {
            throw new ArgumentException(problem, nameof(definition));
        }

        if (definition.Timezone is null)
        {
            return (expression, TimeZoneInfo.Utc);
        }

        return TryFindZone(definition.Timezone, out var zone, out var zoneProblem) ? (expression, zone) : throw new ArgumentException(zoneProblem, nameof(definition));
    }
}
