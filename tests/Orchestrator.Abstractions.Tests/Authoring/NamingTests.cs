using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Abstractions.Tests.Authoring;

public sealed class NamingTests
{
    [Theory]
    [InlineData("Weather Report v2!", "weather-report-v2")]
    [InlineData("  ¿¡ !", "untitled")]
    public void Slug_FreeText_LowerCaseWordsJoinedByDashes(string text, string slug)
    {
        Naming.Slug(text).ShouldBe(slug);
    }

    [Fact]
    public void Slug_LongText_CutAt60WithoutATrailingDash()
    {
        var slug = Naming.Slug(string.Join(' ', Enumerable.Repeat("abcdefghi", 10)));

        slug.Length.ShouldBeLessThanOrEqualTo(60);
        slug.ShouldNotEndWith("-");
    }

    [Theory]
    [InlineData("convert units", "convert_units", "ConvertUnits", "convertUnits")]
    [InlineData("3d render", "feature_3d_render", "feature_3dRender", "feature_3dRender")]
    [InlineData("!!!", "feature", "feature", "feature")]
    public void Identifiers_FreeText_NeverStartWithADigit(string text, string snake, string pascal, string camel)
    {
        Naming.SnakeCase(text, "feature").ShouldBe(snake);
        Naming.PascalCase(text, "feature").ShouldBe(pascal);
        Naming.CamelCase(text, "feature").ShouldBe(camel);
    }

    [Fact]
    public void TitleCaseAndCountWords_Prose_WordsAsAReaderSeesThem()
    {
        Naming.TitleCase("night-train to the coast").ShouldBe("Night Train To The Coast");
        Naming.CountWords("It's a well-known café, isn't it?").ShouldBe(6);
    }
}
