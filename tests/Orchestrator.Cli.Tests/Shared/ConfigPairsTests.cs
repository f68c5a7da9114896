using Orchestrator.Cli.Commands.Shared;

namespace Orchestrator.Cli.Tests.Shared;

public sealed class ConfigPairsTests
{
    [Fact]
    public void Parse_Values_JsonWhenItParsesElseString()
    {
        var problems = new List<string>();

        var config = ConfigPairs.Parse(["words=900", "fast=true", "tags=[\"a\"]", "genre=mystery", "empty=", "eq=a=b"], problems);

        problems.ShouldBeEmpty();
        config["words"].GetInt32().ShouldBe(900);
        config["fast"].GetBoolean().ShouldBeTrue();
        config["tags"][0].GetString().ShouldBe("a");
        config["genre"].GetString().ShouldBe("mystery");
        config["empty"].GetString().ShouldBe(string.Empty);
        config["eq"].GetString().ShouldBe("a=b");
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    public void Parse_NotKeyValue_ReportsTheArgument(string pair)
    {
        var problems = new List<string>();

        ConfigPairs.Parse([pair], problems).ShouldBeEmpty();

        problems.ShouldHaveSingleItem().ShouldContain($"'{pair}' is not key=value");
    }
}
