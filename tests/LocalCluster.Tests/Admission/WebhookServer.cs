using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Hosting;
using Kruise.Actors.Crds.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

/// <summary>
/// A real HTTPS admission webhook server for tests: Kestrel on 127.0.0.1 with a certificate from
/// its own CA, answering each path with a handler from AdmissionReview request to response.
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    /// <summary>Names the serving certificate carries besides localhost and 127.0.0.1 (services the tests address it by).</summary>
    public static readonly IReadOnlyList<string> ServiceNames = ["hook.webhook-system.svc", "hook-direct.webhook-system.svc"];

    private readonly ConcurrentDictionary<string, Func<JsonObject, CancellationToken, Task<JsonObject>>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _received = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly string _folder;

    private WebhookServer(WebApplication app, CertificateAuthority ca, string folder, int port)
    {
        _app = app;
        _ca = ca;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The CA's PEM, as clientConfig.caBundle carries it.</summary>
    public byte[] CaBundle => Encoding.UTF8.GetBytes(_ca.CertificatePem);

    public string Url(string path) => $"https://127.0.0.1:{Port}{path}";

    public static async Task<WebhookServer> Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kruise-webhook-" + Guid.NewGuid().ToString("N")[..8]);
        var ca = CertificateAuthority.LoadOrCreate(folder, "webhook-test-ca");
        var certificate = ca.IssueServerCertificate(["localhost", .. ServiceNames], [IPAddress.Loopback]);
        var builder = ServingBuilders.Create();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        WebhookServer? server = null;
        app.Run(context => server!.Handle(context));
        await app.StartAsync();
        server = new WebhookServer(app, ca, folder, new Uri(app.Urls.First()).Port);
        return server;
    }

    /// <summary>Answers requests to <paramref name="path"/>; the handler gets the AdmissionReview's request.</summary>
    public void Handle(string path, Func<JsonObject, JsonObject> handler) => _handlers[path] = (r, _) => Task.FromResult(handler(r));

    /// <summary>An asynchronous handler; the token fires when the caller gives up on the request.</summary>
    public void HandleAsync(string path, Func<JsonObject, CancellationToken, Task<JsonObject>> handler) => _handlers[path] = handler;

    /// <summary>The AdmissionReview requests received on a path, oldest first.</summary>
    public IReadOnlyList<JsonObject> Received(string path) => _received.TryGetValue(path, out var queue) ? queue.ToList() : [];

    public static JsonObject Allow(JsonObject request, params string[] warnings) => Response(request, true, warnings: warnings);

    public static JsonObject Deny(JsonObject request, string message, int? code = null) =>
        Response(request, false, status: code is { } c ? new JsonObject { ["code"] = c, ["message"] = message } : new JsonObject { ["message"] = message });

    /// <summary>Allows with a JSON patch (RFC 6902 operations).</summary>
    public static JsonObject Patch(JsonObject request, JsonArray operations) =>
        Response(request, true, patch: operations);

    public static JsonObject Response(JsonObject request, bool allowed, JsonObject? status = null, JsonArray? patch = null, string[]? warnings = null)
    {
        var response = new JsonObject { ["uid"] = request["uid"]!.DeepClone(), ["allowed"] = allowed };
        if (status is not null)
            response["status"] = status;
        if (patch is not null)
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
        }
        if (warnings is { Length: > 0 })
            response["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w).ToArray());
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
    }

    private async Task Handle(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!_handlers.TryGetValue(path, out var handler))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var review = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        var request = (JsonObject)review["request"]!;
        _received.GetOrAdd(path, _ => new ConcurrentQueue<JsonObject>()).Enqueue(request);
        JsonObject answer;
        try
        {
            answer = await handler(request, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ca.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
