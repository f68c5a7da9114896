using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Code;

/// <summary>A TypeScript ES module package: sources under <c>src/</c>, tests under <c>tests/</c> (node:test or vitest).</summary>
internal sealed class TypeScriptTemplate : LanguageTemplate
{
    public override IReadOnlyList<string> TestFrameworks { get; } = ["node", "vitest"];

    public override string PackageName(string project) => Naming.Slug(project, "app");

    public override string ModuleName(FeatureSpec feature) => Naming.CamelCase(feature.Name, "feature");

    public override string ModuleFile(string package, FeatureSpec feature) => $"src/{ModuleName(feature)}.ts";

    public override IReadOnlyList<string> PublicMembers(FeatureSpec feature) =>
        [$"{ModuleName(feature)}.summary", $"{ModuleName(feature)}.describe(): string", $"{ModuleName(feature)}.apply(value: string): string"];

    public override string TestCommand(string package, string framework) => "npm test";

    public override string RunCommand(string package) => "npx tsx src/index.ts hello";

    public override IReadOnlyList<(string Path, string Content)> Sources(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
    [
        ("package.json", $$"""
            {
              "name": {{Quote(package)}},
              "version": "0.1.0",
              "type": "module",
              "scripts": { "test": {{(framework == "vitest" ? "\"vitest run\"" : "\"tsx --test tests/*.test.ts\"")}} },
              "devDependencies": { "tsx": "^4.0.0", "typescript": "^5.0.0"{{(framework == "vitest" ? ", \"vitest\": \"^3.0.0\"" : string.Empty)}} }
            }

            """),
        ("tsconfig.json", """
            {
              "compilerOptions": {
                "target": "ES2022",
                "module": "NodeNext",
                "moduleResolution": "NodeNext",
                "strict": true,
                "noEmit": true
              },
              "include": ["src", "tests"]
            }

            """),
        ("src/index.ts", $$"""
            {{string.Join("\n", features.Select(f => $"import * as {ModuleName(f)} from \"./{ModuleName(f)}.js\";"))}}

            const value = process.argv[2] ?? "example";
            {{string.Join("\n", features.Select(f => $"console.log(`${{{ModuleName(f)}.describe()}}: ${{{ModuleName(f)}.apply(value)}}`);"))}}

            """),
        .. features.Select(f => ($"src/{ModuleName(f)}.ts", $$"""
            /** What this feature does. */
            export const summary = {{Quote(f.Summary)}};

            /** Describes the feature. */
            export function describe(): string {
              return summary;
            }

            /** Applies the feature to a non-empty value. */
            export function apply(value: string): string {
              if (value.length === 0) {
                throw new Error("value must be a non-empty string");
              }
              return `{{f.Identifier}}(${value})`;
            }

            """)),
    ];

    public override IReadOnlyList<(string Path, string Content)> Tests(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
        [.. features.Select(f => ($"tests/{ModuleName(f)}.test.ts", $$"""
            {{(framework == "vitest" ? "import { test, expect } from \"vitest\";" : "import { test } from \"node:test\";\nimport assert from \"node:assert/strict\";")}}
            import * as {{ModuleName(f)}} from "../src/{{ModuleName(f)}}.js";

            test("describe returns the summary", () => {
              {{Check(framework, $"{ModuleName(f)}.describe()", Quote(f.Summary))}}
            });

            test("apply wraps the value in the feature name", () => {
              {{Check(framework, $"{ModuleName(f)}.apply(\"x\")", Quote($"{f.Identifier}(x)"))}}
            });

            test("apply refuses an empty value", () => {
              {{(framework == "vitest" ? $"expect(() => {ModuleName(f)}.apply(\"\")).toThrow();" : $"assert.throws(() => {ModuleName(f)}.apply(\"\"));")}}
            });

            """))];

    private static string Check(string framework, string actual, string expected) => framework == "vitest"
        ? $"expect({actual}).toBe({expected});"
        : $"assert.equal({actual}, {expected});";
}
