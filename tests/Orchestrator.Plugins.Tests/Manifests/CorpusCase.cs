using Orchestrator.Documents.Parsing;

namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>One malformed or hostile manifest and the error it must produce.</summary>
/// <param name="Format">YAML or JSON.</param>
/// <param name="Content">The manifest text.</param>
/// <param name="Field">The field path of the expected error (empty for the whole file).</param>
/// <param name="Line">The expected line of that error.</param>
/// <param name="MessagePart">A fragment the message must contain, so the right rule is proven to fire.</param>
internal sealed record CorpusCase(DocumentFormat Format, string Content, string Field, int Line, string MessagePart);
