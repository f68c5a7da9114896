using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Workspaces;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>
/// <c>GET /api/runs/{id}/artifacts/{path}</c>: one file a run reported as an artifact (or a file under a reported
/// directory), read from the run's own workspace and never through a symbolic link (docs/dashboard.md#artifacts).
/// </summary>
internal static class ArtifactEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{id}/artifacts/{**path}", DownloadAsync)
            .WithName("GetRunArtifact").WithSummary("Download one artifact of the run (a file it reported, or a file under a directory it reported)")
            .WithDescription("The path is relative to the run's workspace, as listed in the run's artifacts. Paths that leave the workspace, go through a symbolic link, or are not artifacts of the run get 400 or 404.")
            .Produces<byte[]>(200, "application/octet-stream").ApiProblems(400, 404);

    private static async Task<IResult> DownloadAsync(string id, string? path, RunService runs, WorkspaceLayout layout, HttpResponse response, CancellationToken cancellationToken)
    {
        if (RunIds.Problem(id) is { } idProblem)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, idProblem);
        }

        var relative = Relative(path);
        var run = await runs.GetAsync(id, cancellationToken) ?? throw runs.RunNotFound(id);
        var artifacts = run.Output?.Artifacts is { IsDefaultOrEmpty: false } done ? done : run.Progress?.Artifacts ?? [];
        if (!artifacts.Any(a => Covers(a, relative)))
        {
            throw new ApiProblemException(
                StatusCodes.Status404NotFound, $"'{relative}' is not an artifact of run '{id}'; GET /api/runs/{id} lists its artifacts");
        }

        var workspace = layout.RunDirectory(id);
        var (_, dropped) = WorkspaceArtifacts.Check(workspace, [relative]);
        var file = Path.Combine(workspace, relative);
        if (dropped.Length > 0 || !File.Exists(file))
        {
            var why = dropped.Length > 0 ? dropped[0] : $"'{relative}' is a directory, not a file";
            throw new ApiProblemException(StatusCodes.Status404NotFound, $"artifact of run '{id}' not available: {why}");
        }

        // Served as a download that cannot run as a page of this origin: an artifact is whatever a plugin wrote.
        response.Headers.ContentSecurityPolicy = "sandbox";
        response.Headers.XContentTypeOptions = "nosniff";
        var contentType = ContentTypes.TryGetContentType(file, out var known) ? known : "application/octet-stream";
        return Results.File(file, contentType, Path.GetFileName(file));
    }

    /// <summary>The path as the run lists it (forward slashes, no empty or dot segments); 400 for one that could leave the workspace.</summary>
    private static string Relative(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "name the artifact: GET /api/runs/{id}/artifacts/PATH, PATH as listed in the run's artifacts");
        }

        // The route value is decoded except for '%2F', which stays as it came; an encoded slash is a slash here.
        path = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var parts = path.Split(['/', '\\']);
        if (Path.IsPathRooted(path) || parts.Any(p => p is ".." or "." || p.Length == 0 || p.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ApiProblemException(
                StatusCodes.Status400BadRequest, $"'{path}' is not a path inside the run's workspace: give it relative, without '.', '..' or empty segments");
        }

        return string.Join('/', parts);
    }

    private static bool Covers(string artifact, string relative)
    {
        var listed = artifact.Replace('\\', '/').TrimEnd('/');
        return string.Equals(listed, relative, StringComparison.Ordinal) || relative.StartsWith(listed + "/", StringComparison.Ordinal);
    }
}
