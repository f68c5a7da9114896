namespace Orchestrator.Server.Dashboard;

/// <summary>One embedded dashboard file with its media type and entity tag.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
