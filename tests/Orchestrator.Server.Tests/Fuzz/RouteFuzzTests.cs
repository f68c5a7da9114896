using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Fuzz;

/// <summary>
/// Every route and every parameter of the OpenAPI document, requested on loopback with seeded hostile values (path
/// segments, query values, JSON and YAML bodies, wrong content types, deep nesting, keys twice, invalid Unicode): no
/// request may answer 5xx or go unanswered within its deadline, and the server still answers afterwards. The routes
/// come from the document, so a new route is fuzzed without touching this test. A failure names the seed and the
/// request; the seed replays it.
/// </summary>
public sealed class RouteFuzzTests(KeylessServerFixture server) : IClassFixture<KeylessServerFixture>
{
    private const int Seed = 20261201;
    private const int RequestsPerOperation = 40;
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(30);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly List<string> _runIds = ["fuzz-known"];

    [Fact]
    public async Task EveryRouteAndParameter_HostileValues_NoServerErrorAndNoHang()
    {
        var operations = await ReadOperationsAsync();
        operations.Count.ShouldBeGreaterThan(15, "the OpenAPI document lists fewer operations than the API has");
        using (var known = await server.Client.PutAsync("/api/runs/fuzz-known", ServerFixture.Json("""{"plugin": "gate"}"""), _ct))
        {
            known.StatusCode.ShouldBe(HttpStatusCode.Created, await known.Content.ReadAsStringAsync(_ct));
        }

        var values = new FuzzValues(new Random(Seed));
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            // Every parameter given every hostile text once, the others drawn at random; then random requests.
            var sweep = operation.Parameters.SelectMany(p => FuzzValues.Texts.Select(t => ((string Name, string Value)?)(p.Name, t)));
            foreach (var (fixedValue, i) in sweep.Concat(Enumerable.Repeat<(string, string)?>(null, RequestsPerOperation)).Select((f, i) => (f, i)))
            {
                if (Build(operation, values, fixedValue) is not { } request)
                {
                    continue;
                }

                sent++;
                if (await SendAsync(request) is { } failure)
                {
                    failures.Add($"{operation.Method} {operation.Path} #{i}: {failure}");
                }
            }
        }

        using var health = await server.Client.GetAsync("/healthz", _ct);
        health.StatusCode.ShouldBe(HttpStatusCode.OK, "the server stopped answering after the fuzzing");
        sent.ShouldBeGreaterThan(operations.Sum(o => (o.Parameters.Count * FuzzValues.Texts.Count) + RequestsPerOperation) / 2, "most requests could not even be built");
        failures.ShouldBeEmpty($"seed {Seed}, {failures.Count} of {sent} requests failed; server log:{Environment.NewLine}{server.Logs.Tail()}");
    }

    private async Task<List<FuzzOperation>> ReadOperationsAsync()
    {
        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", _ct);
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)).ToList()
                    : [];
                var content = method.Value.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().ToList() : [];
                var fields = content.Where(c => c.Value.TryGetProperty("schema", out var schema) && schema.TryGetProperty("$ref", out _))
                    .SelectMany(c => Properties(document, c.Value.GetProperty("schema").GetProperty("$ref").GetString()!)).Distinct().ToList();
                operations.Add(new FuzzOperation(method.Name.ToUpperInvariant(), path.Name, parameters, [.. content.Select(c => c.Name)], fields));
            }
        }

        return operations;
    }

    // The property names of a body's schema (#/components/schemas/NAME), so most bodies get past "unknown field".
    private static IEnumerable<string> Properties(JsonElement document, string reference) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/')[^1]) is var schema
        && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name)
            : [];

    private HttpRequestMessage? Build(FuzzOperation operation, FuzzValues values, (string Name, string Value)? fixedValue)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var (name, location) in operation.Parameters)
        {
            // A swept parameter meets well-formed others, so its value is what the route has to judge.
            var given = fixedValue?.Name == name;
            var value = given ? fixedValue!.Value.Value : Value(operation.Path, name, values, hostile: fixedValue is null ? 0.6 : 0);
            if (value is null)
            {
                continue;
            }

            if (location == "path")
            {
                path = path.Replace("{" + name + "}", Segment(value, values), StringComparison.Ordinal);
            }
            else if (location == "query" && (given || (fixedValue is null ? values.Chance(0.7) : values.Chance(0.3))))
            {
                var random = fixedValue is null;
                query.Add($"{Uri.EscapeDataString(random && values.Chance(0.05) ? values.Text() : name)}={Uri.EscapeDataString(value)}");
                if (random && values.Chance(0.1))
                {
                    query.Add($"{name}={Uri.EscapeDataString(values.Text())}");
                }
            }
        }

        var target = query.Count == 0 ? path : path + "?" + string.Join("&", query);
        if (!Uri.TryCreate(server.BaseAddress, target, out var uri))
        {
            return null;
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), uri);
        if (operation.ContentTypes.Count > 0 || values.Chance(0.1))
        {
            request.Content = Body(operation, values);
        }

        return request;
    }

    // Null: a parameter with no well-formed value to give (left out of a sweep).
    private string? Value(string path, string name, FuzzValues values, double hostile)
    {
        if (values.Chance(hostile))
        {
            return values.Text();
        }

        return name switch
        {
            "id" => values.Pick(_runIds),
            "name" when path.Contains("/workflows/", StringComparison.Ordinal) => values.Pick(["echo-flow", "gate-flow", "harbour-flow"]),
            "name" when path.Contains("/events/", StringComparison.Ordinal) => values.Pick(["note", "approve", "reject", "go"]),
            "name" => values.Pick(["echo", "gate", "strict", "burst"]),
            "all" => values.Pick(["true", "false"]),
            "status" => values.Pick(["running", "completed", "failed,terminated"]),
            "page_size" => values.Pick(["1", "50", "500"]),
            "created_from" or "created_to" => values.Pick(["2026-01-01T00:00:00Z", "2000-01-01"]),
            "plugin" => "echo",
            "workflow" => "echo-flow",
            "domain" => "test",
            "format" => values.Pick(["yaml", "json"]),
            _ => hostile > 0 ? values.Text() : null,
        };
    }

    private static string Segment(string value, FuzzValues values) =>
        values.Chance(0.1) && value.All(c => c is > ' ' and < (char)127 and not '/' and not '?' and not '#') ? value : Uri.EscapeDataString(value);

    private static HttpContent Body(FuzzOperation operation, FuzzValues values)
    {
        var text = values.Random.Next(14) switch
        {
            0 => string.Empty,
            1 => values.Nested(values.Random.Next(1, 300)),
            2 => "{\"plugin\":\"echo\",\"plugin\":\"gate\"}",
            3 => "{bad json",
            4 => "name: [unclosed\nversion: 1.0.0\n",
            5 => "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n",
            6 => values.Text(),
            7 => FuzzValues.Object([("input", values.Nested(values.Random.Next(50, 80))), ("plugin", "\"echo\"")]),
            8 => FuzzValues.Object(Enumerable.Range(0, values.Random.Next(1, 5)).Select(_ => (values.Pick(Fields), values.Json()))),
            _ => FuzzValues.Object(operation.Fields.Where(_ => values.Chance(0.7)).Select(f => (f, Plausible(f, values)))),
        };
        if (values.Chance(0.05))
        {
            return new ByteArrayContent([0xff, 0xfe, (byte)'{', 0xc3, 0x28, (byte)'}']) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        var type = operation.ContentTypes.Count > 0 && values.Chance(0.8)
            ? operation.ContentTypes[values.Random.Next(operation.ContentTypes.Count)]
            : values.Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1"]);
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(type, out var parsed) ? parsed : new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    // A value of the kind the field takes, now and then, so requests reach the routes' deeper states.
    private static string Plausible(string field, FuzzValues values) => values.Chance(0.25) ? values.Json() : field switch
    {
        "plugin" => FuzzValues.Quoted(values.Pick(["echo", "gate", "strict", "burst"])),
        "workflow" => FuzzValues.Quoted(values.Pick(["echo-flow", "gate-flow", "harbour-flow"])),
        "phase" => FuzzValues.Quoted(values.Pick(["review", "finish", "say"])),
        "reason" => FuzzValues.Quoted(values.Text()),
        "config" => """{"count": 2, "mode": "fast"}""",
        "auto_approve" => values.Pick(["true", "false"]),
        _ => values.Json(),
    };

    private static readonly string[] Fields =
        ["plugin", "workflow", "input", "config", "payload", "reason", "phase", "run_id", "auto_approve", "retention", "name", "version", "unknown"];

    /// <summary>Sends the request; returns what went wrong (a 5xx, no answer in time, a broken connection), else null.</summary>
    private async Task<string?> SendAsync(HttpRequestMessage request)
    {
        var described = $"{request.RequestUri!.PathAndQuery} {(request.Content is null ? "" : Excerpt(await request.Content.ReadAsStringAsync(_ct)))}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        deadline.CancelAfter(RequestDeadline);
        try
        {
            using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                return null; // a stream of a run that goes on: its answer is the status line
            }

            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            RememberRun(response, body);
            return (int)response.StatusCode >= 500 ? $"{(int)response.StatusCode} for {described}: {Excerpt(body)}" : null;
        }
        catch (OperationCanceledException) when (!_ct.IsCancellationRequested)
        {
            return $"no answer within {RequestDeadline} for {described}";
        }
        catch (HttpRequestException ex)
        {
            return $"{ex.Message} for {described}";
        }
        finally
        {
            request.Dispose();
        }
    }

    // Runs the fuzzing started become path values too (a bounded number), so run routes meet real runs in every state.
    private void RememberRun(HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode && _runIds.Count < 50 && body.StartsWith('{')
            && JsonSerializer.Deserialize<JsonElement>(body).TryGetProperty("run_id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            _runIds.Add(id.GetString()!);
        }
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record FuzzOperation(string Method, string Path, List<(string Name, string In)> Parameters, List<string> ContentTypes, List<string> Fields);
}
