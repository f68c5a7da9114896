using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Problems;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>
/// How <c>plugins validate</c> and <c>workflows validate</c> report: every problem as <c>file:line: error: field: message</c>,
/// a verdict per path and a count, or the same as JSON. Exit 0 when all are valid, 1 when any is not, 2 when a path does not exist.
/// </summary>
internal static class ValidationReport
{
    /// <summary>Stops with a usage error naming every path that does not exist.</summary>
    public static void RequireExisting(IEnumerable<string> paths, string expected)
    {
        var missing = paths.Where(p => !Directory.Exists(p) && !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException([.. missing.Select(p => $"{p}: no such file or directory; give {expected}.")]);
        }
    }

    public static async Task<int> WriteAsync(TextWriter output, bool json, IReadOnlyList<Validation> results)
    {
        var invalid = results.Count(r => !r.IsValid);
        if (json)
        {
            await CliJson.WriteAsync(output, Contracts.Problems.ValidationReport.From(
                [.. results.Select(r => new ValidationResult(r.Path, r.IsValid, r.Name, r.Version, [.. r.Problems.Select(FileProblem.From)]))]));
        }
        else
        {
            foreach (var result in results)
            {
                foreach (var problem in result.Problems)
                {
                    await output.WriteLineAsync(problem.ToString());
                }

                var what = result.Version is null ? result.Name : $"{result.Name} {result.Version}";
                await output.WriteLineAsync(result.IsValid
                    ? $"valid: {result.Path} ({what})"
                    : $"invalid: {result.Path} ({result.Errors} error{(result.Errors == 1 ? string.Empty : "s")})");
            }

            await output.WriteLineAsync($"{results.Count - invalid} valid, {invalid} invalid");
        }

        return invalid == 0 ? OrchestratorCli.Success : OrchestratorCli.Failure;
    }
}
