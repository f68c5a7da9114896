using System.Globalization;
using System.Net;

namespace Orchestrator.Sidecar.Configuration;

/// <summary>Turns the configured host into an address Kestrel can bind.</summary>
internal static class SidecarAddress
{
    public static IPAddress? TryParseHost(string? host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address) ? address : null;
    }

    /// <summary>An address other processes on this machine can connect to: a wildcard listen address becomes loopback.</summary>
    public static string Connectable(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var host))
        {
            return address;
        }

        if (host.Equals(IPAddress.Any))
        {
            return Format(IPAddress.Loopback, uri.Port);
        }

        return host.Equals(IPAddress.IPv6Any) ? Format(IPAddress.IPv6Loopback, uri.Port) : address;
    }

    public static string Format(IPAddress address, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{new IPEndPoint(address, port)}");
}
