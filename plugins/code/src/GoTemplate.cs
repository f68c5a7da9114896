using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Code;

/// <summary>A Go module: one package per feature under <c>src/</c>, a command, and black-box tests under <c>tests/</c>.</summary>
internal sealed class GoTemplate : LanguageTemplate
{
    public override IReadOnlyList<string> TestFrameworks { get; } = ["testing"];

    public override string PackageName(string project) => Naming.Slug(project, "app").Replace("-", string.Empty, StringComparison.Ordinal);

    public override string ModuleName(FeatureSpec feature) => feature.Identifier.Replace("_", string.Empty, StringComparison.Ordinal);

    public override string ModuleFile(string package, FeatureSpec feature) => $"src/{ModuleName(feature)}/{ModuleName(feature)}.go";

    public override IReadOnlyList<string> PublicMembers(FeatureSpec feature) =>
        [$"{ModuleName(feature)}.Summary", $"{ModuleName(feature)}.Describe() string", $"{ModuleName(feature)}.Apply(value string) (string, error)"];

    public override string TestCommand(string package, string framework) => "go test ./...";

    public override string RunCommand(string package) => $"go run ./src/cmd/{package} hello";

    public override IReadOnlyList<(string Path, string Content)> Sources(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
    [
        ("go.mod", $"module example.com/{package}\n\ngo 1.22\n"),
        ($"src/cmd/{package}/main.go", $$"""
            package main

            import (
            	"fmt"
            	"os"

            {{string.Join("\n", features.Select(f => $"\t\"example.com/{package}/src/{ModuleName(f)}\""))}}
            )

            func main() {
            	value := "example"
            	if len(os.Args) > 1 {
            		value = os.Args[1]
            	}
            {{string.Join("\n", features.Select(f => $"\tif out, err := {ModuleName(f)}.Apply(value); err == nil {{\n\t\tfmt.Printf(\"%s: %s\\n\", {ModuleName(f)}.Describe(), out)\n\t}}"))}}
            }

            """),
        .. features.Select(f => ($"src/{ModuleName(f)}/{ModuleName(f)}.go", $$"""
            // Package {{ModuleName(f)}}: {{f.Summary.ReplaceLineEndings(" ")}}
            package {{ModuleName(f)}}

            import "errors"

            // Summary says what this feature does.
            const Summary = {{Quote(f.Summary)}}

            // Describe describes the feature.
            func Describe() string { return Summary }

            // Apply applies the feature to a non-empty value.
            func Apply(value string) (string, error) {
            	if value == "" {
            		return "", errors.New("value must be a non-empty string")
            	}
            	return "{{f.Identifier}}(" + value + ")", nil
            }

            """)),
    ];

    public override IReadOnlyList<(string Path, string Content)> Tests(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
        [.. features.Select(f => ($"tests/{ModuleName(f)}_test.go", $$"""
            package tests

            import (
            	"testing"

            	"example.com/{{package}}/src/{{ModuleName(f)}}"
            )

            func Test{{f.TypeName}}DescribeReturnsSummary(t *testing.T) {
            	if got := {{ModuleName(f)}}.Describe(); got != {{Quote(f.Summary)}} {
            		t.Fatalf("Describe() = %q", got)
            	}
            }

            func Test{{f.TypeName}}ApplyWrapsValue(t *testing.T) {
            	if got, err := {{ModuleName(f)}}.Apply("x"); err != nil || got != "{{f.Identifier}}(x)" {
            		t.Fatalf("Apply(x) = %q, %v", got, err)
            	}
            }

            func Test{{f.TypeName}}ApplyEmptyValueFails(t *testing.T) {
            	if _, err := {{ModuleName(f)}}.Apply(""); err == nil {
            		t.Fatal("Apply(\"\") returned no error")
            	}
            }

            """))];
}
