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

    public static string Format(IPAddress address, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{new IPEndPoint(address, port)}");
}
