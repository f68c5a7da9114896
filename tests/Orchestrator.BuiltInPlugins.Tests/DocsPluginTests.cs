using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.BuiltInPlugins.Tests;

public sealed class DocsPluginTests : IDisposable
{
    private static readonly object Input = new { source = "project", title = "Greeter Kit" };

    private readonly TempDirectory _temp = new();

    public DocsPluginTests() => WriteSources(_temp.Path);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_SourceFolder_WritesIndexOutlineAndPages()
    {
        var run = new BuiltInRun("docs", _temp.Path);

        await run.RunAsync(Input);

        foreach (var file in new[] { "inventory.md", "outline.md", "link-report.md", "site/index.md", "site/guides/getting-started.md", "site/guides/usage.md" })
        {
            File.Exists(Path.Combine(_temp.Path, file)).ShouldBeTrue(file);
        }

        var greeter = run.Read("site/reference/src-greeter-cs.md");
        greeter.ShouldContain("## `Greeter` (class)");
        greeter.ShouldContain("Says hello to people by name.");
        greeter.ShouldContain("public string Greet(string name)");
        greeter.ShouldContain("Builds a greeting for name.");
        greeter.ShouldNotContain("Secret");
        greeter.ShouldContain("## `Greeter` (constructor)");
        greeter.ShouldContain("Creates a greeter.");
        greeter.ShouldNotContain("Words put before every name.");
        var python = run.Read("site/reference/src-text-py.md");
        python.ShouldContain("## `slugify` (function)");
        python.ShouldContain("Turns a title into a URL slug.");
        python.ShouldContain("## `Cache` (class)");
        python.ShouldContain("## `get` (method)");
        python.ShouldNotContain("_private");
        run.Read("site/reference/web-app-js.md").ShouldContain("## `startServer` (function)");
        run.Read("site/guides/usage.md").ShouldContain("### Install");
        run.Read("site/index.md").ShouldStartWith("# Greeter Kit");
    }

    [Fact]
    public async Task RunAsync_LaterPhases_ReflectInventoryAndOutline()
    {
        var run = new BuiltInRun("docs", _temp.Path);

        await run.RunAsync(Input);

        var index = run.Read("site/index.md");
        var pages = run.Shared.PhaseOutputs["outline"].GetProperty("pages").EnumerateArray().ToList();
        pages.Count.ShouldBe(5);
        foreach (var page in pages)
        {
            var slug = page.GetProperty("slug").GetString()!;
            index.ShouldContain($"{slug}.md)");
        }

        var gettingStarted = run.Read("site/guides/getting-started.md");
        foreach (var file in run.Shared.PhaseOutputs["collect"].GetProperty("files").EnumerateArray())
        {
            gettingStarted.ShouldContain(file.GetProperty("path").GetString()!);
            index.ShouldContain(file.GetProperty("summary").GetString()!);
        }

        index.ShouldContain("`helper` in `src/Greeter.cs`");
        run.Shared.Metadata["docs.files"].GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task LinkCheck_BrokenRelativeLink_IsReportedWithFileAndLine()
    {
        var run = new BuiltInRun("docs", _temp.Path);

        await run.RunAsync(Input);

        var broken = run.Results["link_check"].Output.GetProperty("broken").EnumerateArray().ToList();
        broken.Count.ShouldBe(1);
        broken[0].GetProperty("target").GetString().ShouldBe("missing.md");
        broken[0].GetProperty("file").GetString().ShouldBe("site/guides/usage.md");
        run.Read("link-report.md").ShouldContain("`site/guides/usage.md:");
        run.Results["link_check"].Output.GetProperty("checked").GetInt32().ShouldBeGreaterThan(5);
        run.Read("site/index.md").ShouldContain("1 broken");
    }

    [Fact]
    public async Task RunAsync_SameInputTwice_WritesIdenticalFiles()
    {
        using var other = new TempDirectory();
        WriteSources(other.Path);

        await new BuiltInRun("docs", _temp.Path).RunAsync(Input);
        await new BuiltInRun("docs", other.Path).RunAsync(Input);

        BuiltInRun.Snapshot(other.Path).ShouldBe(BuiltInRun.Snapshot(_temp.Path));
    }

    [Fact]
    public async Task RunAsync_AbsoluteSourceAndMaxPages_OmitsPagesAndWarns()
    {
        var run = new BuiltInRun("docs", _temp.Path).WithConfig("max_pages", 2);

        await run.RunAsync(new { source = Path.Combine(_temp.Path, "project") });

        run.Results["outline"].Output.GetProperty("pages").GetArrayLength().ShouldBe(2);
        run.Results["outline"].Output.GetProperty("omitted").GetArrayLength().ShouldBe(3);
        run.Read("outline.md").ShouldContain("Omitted to stay within max_pages");
        run.Read("site/index.md").ShouldContain("was left out to stay within max_pages");
        run.Read("site/index.md").ShouldStartWith("# Project");
    }

    [Theory]
    [InlineData("beginner", "A type you create instances of")]
    [InlineData("expert", "(line ")]
    public async Task Reference_Audience_ShapesThePages(string audience, string expected)
    {
        var run = new BuiltInRun("docs", _temp.Path).WithConfig("audience", audience);

        await run.RunAsync(Input, stopAfter: "reference");

        var page = run.Read("site/reference/src-greeter-cs.md");
        page.ShouldContain(expected);
        page.ShouldContain($"> Write the reference pages of the outline in markdown");
        run.Read("outline.md").ShouldContain($"For {audience} readers");
    }

    [Fact]
    public async Task RunAsync_WithoutOptionalLinkCheck_PublishesAndSaysSo()
    {
        var run = new BuiltInRun("docs", _temp.Path);
        run.Skip.Add("link_check");

        await run.RunAsync(Input);

        run.Read("site/index.md").ShouldContain("the optional link check did not run");
    }

    [Theory]
    [InlineData("{\"title\": \"x\"}", "\"source\"")]
    [InlineData("{\"source\": \"nowhere\"}", "Source folder 'nowhere' does not exist")]
    [InlineData("{\"source\": \"empty\"}", "holds no .cs, .py, .js, .ts or .md files")]
    [InlineData("\"project\"", "must be a JSON object")]
    public async Task Collect_BadInput_FailsWithMessageSayingWhatToFix(string input, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "empty"));
        File.WriteAllText(Path.Combine(_temp.Path, "empty", "data.bin"), "x");
        var run = new BuiltInRun("docs", _temp.Path);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("collect", JsonDocument.Parse(input).RootElement));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Outline_ConfigFormatNotSupported_FailsNamingTheChoices()
    {
        var run = new BuiltInRun("docs", _temp.Path).WithConfig("format", "asciidoc");
        await run.RunPhaseAsync("collect", Input);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("outline", Input));

        error.Message.ShouldContain("Config 'format' is \"asciidoc\"; it must be one of markdown");
    }

    private static void WriteSources(string root)
    {
        Write(root, "project/src/Greeter.cs", """
            namespace Demo;

            /// <summary>Says hello to people by name.</summary>
            public sealed class Greeter
            {
                /// <summary>Creates a greeter.</summary>
                /// <param name="prefix">Words put before every name.</param>
                public Greeter(string prefix)
                {
                }

                /// <summary>Builds a greeting for <paramref name="name"/>.</summary>
                public string Greet(string name) => $"Hello, {name}!";

                public static int helper() => 1;

                private string Secret() => "x";
            }
            """);
        Write(root, "project/src/text.py", """
            def slugify(title):
                "Turns a title into a URL slug."
                return title.lower().replace(" ", "-")


            def _private():
                return 1


            class Cache:
                '''Keeps values in memory.'''

                def get(self, key):
                    return None

                def _evict(self):
                    pass
            """);
        Write(root, "project/web/app.js", """
            /** Starts the HTTP server. */
            export async function startServer(port) {
              return port;
            }

            function internal() {}
            """);
        Write(root, "project/docs/usage.md", """
            # Usage

            How to install and run the greeter.

            ## Install

            Read the [reference](../reference/src-greeter-cs.md) and the [missing page](missing.md).

            ```sh
            # not a heading
            ```
            """);
        Write(root, "project/bin/Debug/ignored.cs", "public class Ignored { }");
    }

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
    }
}
