using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Hosting;

/// <summary>Builds a web application that serves only the sidecar.</summary>
public static class SidecarHost
{
    /// <summary>Creates (does not start) a sidecar application with exactly these options.</summary>
    /// <param name="options">The settings; validated when the application starts.</param>
    /// <param name="loggerFactory">Where logs go; none when <c>null</c>.</param>
    /// <returns>The application; run it or start and stop it.</returns>
    public static WebApplication Create(SidecarOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SidecarHost).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRouting();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory ?? NullLoggerFactory.Instance));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddOrchestratorSidecar(o => o.CopyFrom(options));
        var app = builder.Build();
        app.MapOrchestratorSidecar();
        return app;
    }
}
