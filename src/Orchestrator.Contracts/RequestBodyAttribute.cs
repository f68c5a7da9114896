namespace Orchestrator.Contracts;

/// <summary>
/// Marks a contract the REST API reads from request bodies: any of its keys may be left out. The contracts the API and
/// the CLI write carry no mark: every key of those is always present.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequestBodyAttribute : Attribute;
