using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Execution;

/// <summary>
/// Executes phase attempts on exactly the pinned plugin version, whatever its kind. Fills the prompt from the
/// manifest, checks input and output against the phase's schemas, and enforces the phase timeout per attempt:
/// in-process phases are cancelled (and abandoned if they ignore it), executables have their process group killed.
/// </summary>
public sealed class PhaseExecutor : IPhaseExecutor
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();
    private readonly PluginCatalog _catalog;
    private readonly ILogger _logger;

    public PhaseExecutor(PluginCatalog catalog, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Orchestrator.Plugins");
    }

    public async Task<PhaseResult> ExecuteAsync(PluginIdentity plugin, PhaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(request);
        using var lease = await _catalog.AcquireAsync(plugin, cancellationToken);
        var entry = lease.Entry;
        var manifest = entry.Plugin.Manifest;
        if (!string.Equals(request.Plugin, plugin.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the request is for plugin '{request.Plugin}' but the pinned plugin is '{plugin.Name}'", nameof(request));
        }

        var phase = manifest.Phases.FirstOrDefault(p => string.Equals(p.Name, request.Phase, StringComparison.Ordinal))
            ?? throw new PhaseExecutionException(
                PhaseFailureKind.UnknownPhase,
                $"plugin '{plugin.Name}' {plugin.Version} has no phase '{request.Phase}'; its phases: {string.Join(", ", manifest.Phases.Select(p => p.Name))}");
        var subject = $"plugin '{plugin.Name}' phase '{phase.Name}'";
        if (request.Prompt is null && entry.Prompts.TryGetValue(phase.Name, out var prompt))
        {
            request = request with { Prompt = prompt };
        }

        if (phase.InputSchema is { } inputSchema)
        {
            CheckSchema(subject, "input", inputSchema, request.Input);
        }

        _logger.PhaseStarting(plugin.Name, phase.Name, request.Attempt);
        try
        {
            // What the phase wrote to its context is part of its result, however the phase built the result.
            var result = request.Context.ApplyTo(await RunAttemptAsync(entry.Runtime, phase, request, subject, cancellationToken));
            if (phase.OutputSchema is { } outputSchema)
            {
                CheckSchema(subject, "output", outputSchema, result.Output);
            }

            return result;
        }
        catch (PhaseExecutionException e)
        {
            _logger.PhaseFailed(plugin.Name, phase.Name, request.Attempt, e.Kind.ToString(), e.Message);
            throw;
        }
    }

    private static async Task<PhaseResult> RunAttemptAsync(
        Loading.IPluginRuntime runtime, PhaseManifest phase, PhaseRequest request, string subject, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (phase.Timeout is { } timeout)
        {
            attempt.CancelAfter(timeout);
        }

        try
        {
            // An executable returns once its process group is gone; WaitAsync ends an in-process attempt at the
            // deadline even when the phase code ignores its token.
            var call = runtime.ExecuteAsync(phase, request, attempt.Token);
            return await (runtime is Processes.ProcessRuntime ? call : call.WaitAsync(attempt.Token))
                ?? throw new PhaseExecutionException(PhaseFailureKind.Failed, $"{subject} returned no result (null)");
        }
        catch (OperationCanceledException e) when (attempt.IsCancellationRequested)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new PhaseExecutionException(PhaseFailureKind.Cancelled, $"{subject} was cancelled (attempt {request.Attempt}){Detail(e)}", e);
            }

            throw new PhaseExecutionException(
                PhaseFailureKind.Timeout, $"{subject} timed out after {phase.Timeout!.Value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s (attempt {request.Attempt}){Detail(e)}", e);
        }
        catch (PhaseInputException e)
        {
            throw new PhaseExecutionException(PhaseFailureKind.InvalidInput, $"{subject} cannot use its input: {e.Message}", e);
        }
        catch (Exception e) when (e is not PhaseExecutionException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new PhaseExecutionException(PhaseFailureKind.Failed, $"{subject} failed: {e.GetType().Name}: {e.Message}", e);
        }
    }

    // Executables report what was stopped; an in-process cancellation has nothing to add.
    private static string Detail(OperationCanceledException e) =>
        e.Message.StartsWith("plugin '", StringComparison.Ordinal) ? $": {e.Message}" : string.Empty;

    private static void CheckSchema(string subject, string what, JsonElement schema, JsonElement value)
    {
        var instance = value.ValueKind == JsonValueKind.Undefined ? Null : value;
        var errors = SchemaValidation.Validate(schema, instance);
        if (!errors.IsEmpty)
        {
            throw new PhaseExecutionException(
                PhaseFailureKind.SchemaViolation,
                $"{subject}: the {what} does not match the phase's {what}_schema: {string.Join("; ", errors)}");
        }
    }
}
