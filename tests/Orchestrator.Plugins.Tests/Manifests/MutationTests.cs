using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>Damaged versions of valid manifests (truncated, bytes replaced) must never make the reader throw.</summary>
public sealed class MutationTests
{
    private const string Noise = "{}[]:,-&*!|>'\"#%@`?\n\t \\0aZ9.";

    [Theory]
    [InlineData(DocumentFormat.Yaml)]
    [InlineData(DocumentFormat.Json)]
    public void Parse_TruncatedAtEveryPosition_NeverThrows(DocumentFormat format)
    {
        var text = format == DocumentFormat.Yaml ? Samples.FullYaml : Samples.FullJson;
        var invalid = 0;
        for (var length = 0; length < text.Length; length += 3)
        {
            var result = ManifestReader.Parse(text[..length], format, "m", null, TestContext.Current.CancellationToken);
            invalid += result.IsValid ? 0 : 1;
            result.Problems.ShouldAllBe(p => p.Message.Length > 0);
        }

        // Cut anywhere before the last required field, the manifest cannot be valid.
        invalid.ShouldBeGreaterThan(text.Length / 6);
    }

    [Theory]
    [InlineData(DocumentFormat.Yaml, 1)]
    [InlineData(DocumentFormat.Yaml, 2)]
    [InlineData(DocumentFormat.Json, 1)]
    [InlineData(DocumentFormat.Json, 2)]
    public void Parse_RandomCharactersReplaced_NeverThrows(DocumentFormat format, int seed)
    {
        var random = new Random(seed);
        var text = format == DocumentFormat.Yaml ? Samples.FullYaml : Samples.FullJson;
        for (var round = 0; round < 300; round++)
        {
            var chars = text.ToCharArray();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
            }

            var result = ManifestReader.Parse(new string(chars), format, "m", null, TestContext.Current.CancellationToken);

            (result.Manifest is null).ShouldBe(result.Errors.Any());
        }
    }
}
