using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Security;

/// <summary>
/// The configured API keys, kept only as SHA-256 hashes. A presented key is hashed and compared with every stored
/// hash in constant time, so neither the keys nor the time a comparison takes reveal anything.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly byte[][] _hashes;

    public ApiKeyStore(IOptions<ServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hashes = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Hash(k.Trim()))];
    }

    /// <summary>True when at least one key is configured, so requests must present one.</summary>
    public bool IsEnabled => _hashes.Length > 0;

    /// <summary>True when <paramref name="presented"/> is one of the configured keys.</summary>
    public bool Verify(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var hash = Hash(presented);
        var match = false;
        foreach (var stored in _hashes)
        {
            // No early exit: every stored hash is compared whatever the outcome.
            match |= CryptographicOperations.FixedTimeEquals(stored, hash);
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
