using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Faults;
using Kruise.Actors.LocalCluster.Tests.Integration;

namespace Kruise.Actors.LocalCluster.Tests.Faults;

/// <summary>The faults as an API client meets them over HTTP: refused writes, cut watches, 410 after compaction.</summary>
public sealed class FaultHttpTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static int _namespaces;

    private FaultInjector Faults => cluster.Server.Faults;

    public void Dispose() => Faults.Options = FaultOptions.None;

    private async Task<string> Namespace()
    {
        var name = $"faults-{Interlocked.Increment(ref _namespaces)}";
        (await Send(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""")).Expect(HttpStatusCode.Created);
        return name;
    }

    private static string ConfigMap(string name) => $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","labels":{"suite":"faults"}},"data":{"n":"0"}}""";

    [Fact]
    public async Task Writes_are_refused_at_the_configured_rate_with_statuses_and_refused_writes_change_nothing()
    {
        var ns = await Namespace();
        var earlier = Faults.Counts.WriteErrors;
        Faults.Options = new FaultOptions { WriteErrorRate = 0.3, Seed = 7 };

        var creates = new List<Answer>();
        for (var i = 0; i < 100; i++)
            creates.Add(await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap($"c{i}")));
        var created = Enumerable.Range(0, 100).Where(i => creates[i].Code == HttpStatusCode.Created).Select(i => $"c{i}").ToList();
        var patches = new List<Answer>();
        foreach (var name in created)
            patches.Add(await Send(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/{name}", """{"data":{"n":"1"}}""", "application/merge-patch+json"));
        var counts = Faults.Counts;
        Faults.Options = FaultOptions.None;

        // Creates never get 409; patches get all three codes.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError], creates.Select(a => a.Code).Distinct().Order());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError], patches.Select(a => a.Code).Distinct().Order());
        var refused = creates.Concat(patches).Count(a => a.Code != HttpStatusCode.Created && a.Code != HttpStatusCode.OK);
        Assert.InRange(refused, (int)(0.15 * (creates.Count + patches.Count)), (int)(0.45 * (creates.Count + patches.Count)));
        Assert.Equal(refused, counts.WriteErrors - earlier);

        foreach (var answer in creates.Concat(patches).Where(a => (int)a.Code >= 400))
        {
            var (reason, message) = answer.Code switch
            {
                HttpStatusCode.Conflict => ("Conflict", "Operation cannot be fulfilled on configmaps \""),
                HttpStatusCode.TooManyRequests => ("TooManyRequests", "Too many requests, please try again later."),
                _ => ("InternalError", "Internal error occurred: injected fault"),
            };
            var status = answer.Status(answer.Code);
            Assert.Equal(reason, (string?)status["reason"]);
            Assert.StartsWith(message, (string?)status["message"]);
            if (answer.Code == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("1", answer.RetryAfter);
                Assert.Equal(1, (int?)status["details"]?["retryAfterSeconds"]);
            }
        }

        // A refused write was not applied: only the accepted creates exist, only accepted patches changed data.
        var list = (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?labelSelector=suite%3Dfaults")).Expect(HttpStatusCode.OK);
        var items = list["items"]!.AsArray().Select(i => ((string)i!["metadata"]!["name"]!, (string)i["data"]!["n"]!)).ToDictionary();
        Assert.Equal(created.Order(StringComparer.Ordinal), items.Keys.Order(StringComparer.Ordinal));
        var patched = created.Where((_, i) => patches[i].Code == HttpStatusCode.OK).ToHashSet();
        Assert.All(items, item => Assert.Equal(patched.Contains(item.Key) ? "1" : "0", item.Value));
    }

    [Fact]
    public async Task The_same_seed_refuses_the_same_writes()
    {
        var ns = await Namespace();
        async Task<List<HttpStatusCode>> Run(string prefix)
        {
            Faults.Options = new FaultOptions { WriteErrorRate = 0.5, Seed = 11 };
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 30; i++)
                codes.Add((await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap($"{prefix}{i}"))).Code);
            return codes;
        }

        var first = await Run("a");
        Assert.Equal(first, await Run("b"));
        Assert.Contains(HttpStatusCode.Created, first);
        Assert.Contains(first, c => c != HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reads_are_served_while_every_write_fails()
    {
        var ns = await Namespace();
        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("kept"))).Expect(HttpStatusCode.Created);
        Faults.Options = new FaultOptions { WriteErrorRate = 1, Latency = TimeSpan.FromMilliseconds(5) };

        (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/kept")).Expect(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps")).Expect(HttpStatusCode.OK);
        Assert.NotEqual(HttpStatusCode.OK, (await Send(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/kept")).Code);
        (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/kept")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Kubectl_reports_an_injected_error_as_the_servers_status()
    {
        var ns = await Namespace();
        Faults.Options = new FaultOptions { WriteErrorRate = 1, ErrorCodes = [500] };

        var result = (await cluster.Kubectl($"-n {ns} create configmap refused --from-literal=a=b")).Fails();
        Assert.Contains("Internal error occurred: injected fault", result.Stderr, StringComparison.Ordinal);

        Faults.Options = FaultOptions.None;
        (await cluster.Kubectl($"-n {ns} create configmap accepted --from-literal=a=b")).Ok();
        Faults.Options = new FaultOptions { WriteErrorRate = 1, ErrorCodes = [409] };
        result = (await cluster.Kubectl($"-n {ns} label configmap accepted x=y")).Fails();
        Assert.Contains("Error from server (Conflict): Operation cannot be fulfilled on configmaps \"accepted\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_is_cut_after_its_drawn_lifetime_and_a_new_one_resumes_from_the_last_version()
    {
        var ns = await Namespace();
        var version = (string)(await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps")).Expect(HttpStatusCode.OK)["metadata"]!["resourceVersion"]!;
        Faults.Options = new FaultOptions { WatchLifetime = TimeSpan.FromMilliseconds(500) };

        using var request = Request(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={version}&timeoutSeconds=600");
        using var timeout = new CancellationTokenSource(Patience);
        using var response = await cluster.Client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("seen"))).Expect(HttpStatusCode.Created);
        var first = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("ADDED", (string?)first["type"]);
        var seenAt = (string)first["object"]!["metadata"]!["resourceVersion"]!;

        // Asked for 600 s, the watch ends long before: its connection is aborted, not closed cleanly.
        var ending = await Record.ExceptionAsync(async () =>
        {
            while (await reader.ReadLineAsync(timeout.Token) is not null)
            {
            }
        });
        Assert.False(timeout.IsCancellationRequested, "the watch was never cut");
        Assert.True(ending is IOException or HttpRequestException, $"expected the connection to break, got {ending?.GetType().Name ?? "a clean end"}");
        Assert.True(Faults.Counts.WatchesCut >= 1);

        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("missed"))).Expect(HttpStatusCode.Created);
        using var resumed = Request(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={seenAt}");
        using var again = await cluster.Client.HttpClient.SendAsync(resumed, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader2 = new StreamReader(await again.Content.ReadAsStreamAsync(timeout.Token));
        var next = JsonNode.Parse((await reader2.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("missed", (string?)next["object"]!["metadata"]!["name"]);
    }

    [Fact]
    public async Task After_a_compaction_watches_exact_lists_and_continued_lists_from_older_versions_get_410_expired()
    {
        var ns = await Namespace();
        for (var i = 0; i < 3; i++)
            (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap($"c{i}"))).Expect(HttpStatusCode.Created);
        var firstPage = (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?labelSelector=suite%3Dfaults&limit=2")).Expect(HttpStatusCode.OK);
        var old = (string)firstPage["metadata"]!["resourceVersion"]!;
        var token = (string)firstPage["metadata"]!["continue"]!;
        // Before the compaction the old version still serves.
        (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?labelSelector=suite%3Dfaults&limit=2&continue={Uri.EscapeDataString(token)}")).Expect(HttpStatusCode.OK);
        // A change after the old version, which the compaction then removes from the history.
        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("c3"))).Expect(HttpStatusCode.Created);

        // compact-every: the next request after the period compacts first.
        Faults.Options = new FaultOptions { CompactEvery = TimeSpan.FromMilliseconds(50) };
        await Task.Delay(100);
        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("after"))).Expect(HttpStatusCode.Created);
        Assert.True(Faults.Counts.Compactions >= 1);
        Faults.Options = FaultOptions.None;

        var watch = await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={old}");
        var error = JsonNode.Parse(watch.Text.Split('\n')[0])!;
        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
        Assert.StartsWith($"too old resource version: {old} (", (string?)error["object"]!["message"]);

        var exact = (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?resourceVersion={old}&resourceVersionMatch=Exact")).Status(HttpStatusCode.Gone);
        Assert.Equal("Expired", (string?)exact["reason"]);
        var continued = (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?labelSelector=suite%3Dfaults&limit=2&continue={Uri.EscapeDataString(token)}")).Status(HttpStatusCode.Gone);
        Assert.StartsWith("The provided continue parameter is too old", (string?)continued["message"]);

        // NotOlderThan (the default) is still served, from the current state; so is a new list and a watch from it.
        (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?resourceVersion={old}")).Expect(HttpStatusCode.OK);
        var fresh = (string)(await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps")).Expect(HttpStatusCode.OK)["metadata"]!["resourceVersion"]!;
        using var request = Request(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={fresh}");
        using var timeout = new CancellationTokenSource(Patience);
        using var response = await cluster.Client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("latest"))).Expect(HttpStatusCode.Created);
        Assert.Equal("ADDED", (string?)JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!["type"]);
    }

    [Fact]
    public async Task Compacting_on_demand_expires_every_older_version()
    {
        var ns = await Namespace();
        var old = (string)(await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("x"))).Expect(HttpStatusCode.Created)["metadata"]!["resourceVersion"]!;
        (await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap("y"))).Expect(HttpStatusCode.Created);

        Faults.Compact();

        var watch = await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={old}");
        Assert.Equal(410, (int?)JsonNode.Parse(watch.Text.Split('\n')[0])!["object"]!["code"]);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, cluster.Server.Url + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Server.Token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return request;
    }

    private async Task<Answer> Send(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = Request(method, path, body, contentType);
        using var timeout = new CancellationTokenSource(Patience);
        using var response = await cluster.Client.HttpClient.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        return new Answer(new RawResponse(response.StatusCode, text, TryParse(text)), response.Headers.TryGetValues("Retry-After", out var values) ? values.First() : null);
    }

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record Answer(RawResponse Raw, string? RetryAfter)
    {
        public HttpStatusCode Code => Raw.Code;
        public string Text => Raw.Text;

        public JsonObject Status(HttpStatusCode expected) => Raw.Status(expected);

        public JsonObject Expect(HttpStatusCode expected)
        {
            Assert.True(Code == expected, $"expected {(int)expected}, got {(int)Code}: {Text}");
            return Raw.Json!;
        }
    }
}
