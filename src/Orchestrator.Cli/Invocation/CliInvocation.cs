using System.CommandLine;

namespace Orchestrator.Cli.Invocation;

/// <summary>One run of a command: its parsed line, where it writes, and what the error report needs to know.</summary>
internal sealed class CliInvocation(ParseResult parseResult)
{
    public ParseResult ParseResult { get; } = parseResult;

    public TextWriter Output => ParseResult.InvocationConfiguration.Output;

    public TextWriter Error => ParseResult.InvocationConfiguration.Error;

    /// <summary>The sidecar this command talks to, once chosen; named when it cannot be reached.</summary>
    public string? SidecarAddress { get; set; }

    public T? Value<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Value<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    public T Required<T>(Argument<T> argument) => ParseResult.GetRequiredValue(argument);

    /// <summary>Whether the option was given on the command line (not only defaulted).</summary>
    public bool Given(Option option) => ParseResult.GetResult(option) is { Implicit: false };
}
