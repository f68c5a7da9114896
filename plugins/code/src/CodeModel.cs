namespace Orchestrator.Plugins.Code;

/// <summary>One requested feature and the names generated code gives it.</summary>
internal sealed record FeatureSpec(string Name, string Identifier, string TypeName, string Summary);

/// <summary>Output of the <c>analyze</c> phase.</summary>
internal sealed record AnalysisOutput(
    string Project, string Language, string Request, IReadOnlyList<FeatureSpec> Features,
    IReadOnlyList<string> Requirements, IReadOnlyList<string> Acceptance, IReadOnlyList<string> Questions, string? Brief);

/// <summary>A file the design plans, with what it is for.</summary>
internal sealed record PlannedFile(string Path, string Kind, string Purpose);

/// <summary>A module of the design and the public members it exposes.</summary>
internal sealed record ModuleDesign(string Feature, string Name, string File, IReadOnlyList<string> PublicMembers);

/// <summary>Output of the <c>design</c> phase.</summary>
internal sealed record DesignOutput(
    string Language, string Package, string TestFramework, IReadOnlyList<ModuleDesign> Modules, IReadOnlyList<PlannedFile> Files,
    string TestCommand, string RunCommand, string File);

/// <summary>Output of the <c>implement</c>, <c>tests</c> and <c>api_docs</c> phases: the files each wrote.</summary>
internal sealed record GeneratedFiles(IReadOnlyList<string> Files, int Tests = 0, string? Brief = null);

/// <summary>One style finding of the <c>lint</c> phase.</summary>
internal sealed record LintFinding(string File, int Line, string Rule, string Message);

/// <summary>Output of the <c>lint</c> phase.</summary>
internal sealed record LintOutput(int FilesChecked, int MaxLineLength, IReadOnlyList<LintFinding> Findings, string File);

/// <summary>Output of the <c>package</c> phase (the manifest's output_schema requires <c>patch</c> and <c>files</c>).</summary>
internal sealed record PackageOutput(string Patch, IReadOnlyList<string> Files, string Summary);
