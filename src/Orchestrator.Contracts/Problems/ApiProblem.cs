using System.Collections.Immutable;

namespace Orchestrator.Contracts.Problems;

/// <summary>An RFC 7807 problem details body (<c>application/problem+json</c>), the REST API's answer to every failure.</summary>
/// <param name="Type">A URI naming the kind of problem; <c>about:blank</c>, so the status says it.</param>
/// <param name="Title">The HTTP reason phrase of the status.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong and what to do about it.</param>
/// <param name="Instance">The request path.</param>
/// <param name="Errors">Every problem found, when there are several (each broken rule of a config, each bad query parameter); empty when there is one cause.</param>
public sealed record ApiProblem(string Type, string Title, int Status, string Detail, string? Instance, ImmutableArray<string> Errors)
{
    /// <summary>The <c>type</c> of every problem: the status code says what kind it is.</summary>
    public const string BlankType = "about:blank";
}
