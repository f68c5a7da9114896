using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// A sidecar running inside the current process; dispose it to stop it. <c>run</c> and <c>serve</c> start one on a free
/// loopback port, <c>worker</c> on its <c>--port</c>; tests and benchmarks use the same composition.
/// </summary>
public sealed class EmbeddedSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private EmbeddedSidecar(WebApplication app)
    {
        _app = app;
        Address = SidecarApplication.AddressOf(app);
        InProcess = app.Services.CreateInProcessInvoker();
        Options = app.Services.GetRequiredService<IOptions<SidecarOptions>>().Value;
    }

    /// <summary>The address workers and clients use, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Address { get; }

    /// <summary>
    /// How clients and workers in this process reach the sidecar: its service called directly, without HTTP/2, sockets or
    /// serialization (docs/sidecar.md#in-process-calls). Other processes use <see cref="Address"/>.
    /// </summary>
    public CallInvoker InProcess { get; }

    /// <summary>The settings the sidecar runs with.</summary>
    public SidecarOptions Options { get; }

    /// <summary>Starts a sidecar in this process on 127.0.0.1 and a free port (the host and port of <paramref name="options"/> are ignored).</summary>
    /// <param name="options">Backend settings; the memory backend when <c>null</c>.</param>
    /// <param name="loggerFactory">Where logs go; none when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sidecar.</returns>
    /// <exception cref="SidecarException">The options are invalid or the backend cannot be reached.</exception>
    public static Task<EmbeddedSidecar> StartAsync(SidecarOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var effective = new SidecarOptions();
        if (options is not null)
        {
            effective.CopyFrom(options);
        }

        effective.Host = "127.0.0.1";
        effective.Port = 0;
        return ListenAsync(effective, loggerFactory, cancellationToken);
    }

    /// <summary>Starts a sidecar in this process on the host and port of <paramref name="options"/> (<c>worker --port</c>).</summary>
    internal static async Task<EmbeddedSidecar> ListenAsync(SidecarOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var problems = SidecarOptionsValidator.Problems(options).ToList();
        if (problems.Count > 0)
        {
            throw new SidecarException(string.Join(Environment.NewLine, problems));
        }

        return new EmbeddedSidecar(await SidecarApplication.StartAsync(options, loggerFactory, cancellationToken, embedded: true));
    }

    /// <summary>Stops the sidecar (bounded by <see cref="SidecarOptions.ShutdownTimeout"/>) and releases it.</summary>
    /// <returns>A task that completes once stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(Options.ShutdownTimeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
