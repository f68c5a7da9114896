using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>
/// A SplitMix64 generator seeded from text (the SHA-256 of the seed), so the same input always yields the same
/// choices on every machine and .NET version — unlike <see cref="Random"/>, whose sequence is not a contract.
/// Use it when a phase must write byte-identical artifacts for the same input.
/// </summary>
/// <param name="seed">Any text; usually the input the choices depend on plus the phase name.</param>
public sealed class DeterministicRandom(string seed)
{
    private ulong _state = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>The next number from 0 up to, but not including, <paramref name="maxExclusive"/>.</summary>
    /// <param name="maxExclusive">The bound; at least 1.</param>
    /// <returns>A number in <c>[0, maxExclusive)</c>.</returns>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>The next pick from <paramref name="items"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">A non-empty list.</param>
    /// <returns>One of the items.</returns>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
