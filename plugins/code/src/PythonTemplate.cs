using Orchestrator.Abstractions.Authoring;

namespace Orchestrator.Plugins.Code;

/// <summary>A Python package under <c>src/</c> (src layout, <c>pyproject.toml</c>) with tests under <c>tests/</c>.</summary>
internal sealed class PythonTemplate : LanguageTemplate
{
    public override IReadOnlyList<string> TestFrameworks { get; } = ["unittest", "pytest"];

    public override string PackageName(string project) => Naming.SnakeCase(project, "app");

    public override string ModuleName(FeatureSpec feature) => feature.Identifier;

    public override string ModuleFile(string package, FeatureSpec feature) => $"src/{package}/{feature.Identifier}.py";

    public override IReadOnlyList<string> PublicMembers(FeatureSpec feature) =>
        [$"{feature.Identifier}.SUMMARY", $"{feature.Identifier}.describe()", $"{feature.Identifier}.apply(value: str)"];

    public override string TestCommand(string package, string framework) =>
        framework == "pytest" ? "python3 -m pytest tests" : "python3 -m unittest discover -s tests";

    public override string RunCommand(string package) => $"PYTHONPATH=src python3 -m {package} hello";

    public override IReadOnlyList<(string Path, string Content)> Sources(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
    [
        ("pyproject.toml", $"""
            [project]
            name = "{package.Replace('_', '-')}"
            version = "0.1.0"
            requires-python = ">=3.10"

            [tool.setuptools.packages.find]
            where = ["src"]

            """),
        ($"src/{package}/__init__.py", $"""
            "The {package} package."

            __all__ = [{string.Join(", ", features.Select(f => Quote(f.Identifier)))}]

            """),
        ($"src/{package}/__main__.py", $"""
            "Prints every feature applied to the first argument."

            import sys

            from . import {string.Join(", ", features.Select(f => f.Identifier))}

            value = sys.argv[1] if len(sys.argv) > 1 else "example"
            {string.Join("\n", features.Select(f => $"print(f\"{{{f.Identifier}.describe()}}: {{{f.Identifier}.apply(value)}}\")"))}

            """),
        .. features.Select(f => ($"src/{package}/{f.Identifier}.py", $$"""
            "{{f.Summary.Replace("\"", "'", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal)}}"

            SUMMARY = {{Quote(f.Summary)}}


            def describe() -> str:
                "Describes the feature."
                return SUMMARY


            def apply(value: str) -> str:
                "Applies the feature to a non-empty value."
                if not value:
                    raise ValueError("value must be a non-empty string")
                return f"{{f.Identifier}}({value})"

            """)),
    ];

    public override IReadOnlyList<(string Path, string Content)> Tests(string package, IReadOnlyList<FeatureSpec> features, string framework) =>
        [.. features.Select(f => ($"tests/test_{f.Identifier}.py", framework == "pytest" ? $$"""
            import sys
            from pathlib import Path

            import pytest

            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
            from {{package}} import {{f.Identifier}}  # noqa: E402


            def test_describe_returns_summary():
                assert {{f.Identifier}}.describe() == {{Quote(f.Summary)}}


            def test_apply_wraps_value_in_feature_name():
                assert {{f.Identifier}}.apply("x") == "{{f.Identifier}}(x)"


            def test_apply_empty_value_raises():
                with pytest.raises(ValueError):
                    {{f.Identifier}}.apply("")

            """ : $$"""
            import sys
            import unittest
            from pathlib import Path

            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
            from {{package}} import {{f.Identifier}}  # noqa: E402


            class {{f.TypeName}}Tests(unittest.TestCase):
                def test_describe_returns_summary(self):
                    self.assertEqual({{Quote(f.Summary)}}, {{f.Identifier}}.describe())

                def test_apply_wraps_value_in_feature_name(self):
                    self.assertEqual("{{f.Identifier}}(x)", {{f.Identifier}}.apply("x"))

                def test_apply_empty_value_raises(self):
                    with self.assertRaises(ValueError):
                        {{f.Identifier}}.apply("")


            if __name__ == "__main__":
                unittest.main()

            """))];
}
