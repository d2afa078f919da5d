using System.Text.Json;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>
/// The single entry point for every request: authentication, then version, discovery, OpenAPI
/// and resource URLs; every refusal becomes a Kubernetes Status, never a bare 500.
/// </summary>
public sealed class ApiHandler(ResourceRegistry registry, ResourceEndpoints resources, OpenApiEndpoint openApi, string token, string minorVersion, ILogger<ApiHandler> logger)
{
    // Compared on every request; encoded once.
    private readonly byte[] _token = System.Text.Encoding.UTF8.GetBytes(token);

    public async Task Handle(HttpContext context)
    {
        try
        {
            if (!Authorized(context.Request))
            {
                await Responses.WriteError(context, new ApiException(System.Net.HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized")).ConfigureAwait(false);
                return;
            }
            await Route(context).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            if (!context.Response.HasStarted)
                await Responses.WriteError(context, e).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            if (!context.Response.HasStarted)
                await Responses.WriteError(context, ApiException.BadRequest($"invalid JSON: {e.Message}")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException or NullReferenceException)
        {
            // A bug of ours must not take the server down or leave the client hanging.
            logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
                await Responses.WriteError(context, new ApiException(System.Net.HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: {e.Message}")).ConfigureAwait(false);
        }
    }

    private async Task Route(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var all = registry.All;
        switch (path.TrimEnd('/'))
        {
            case "/version":
                await Responses.WriteJson(context, Discovery.Version(minorVersion)).ConfigureAwait(false);
                return;
            case "/healthz" or "/livez" or "/readyz":
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
                return;
            case "/api":
                await Responses.WriteJson(context, Discovery.CoreVersions()).ConfigureAwait(false);
                return;
            case "/apis":
                await Responses.WriteJson(context, Discovery.GroupList(all)).ConfigureAwait(false);
                return;
        }
        if (await openApi.TryServe(context, path.TrimEnd('/')).ConfigureAwait(false))
            return;
        var parts = path.Trim('/').Split('/');
        if (parts is ["apis", var group])
        {
            await Responses.WriteJson(context, Discovery.Group(group, all) ?? throw NotFound()).ConfigureAwait(false);
            return;
        }
        var apiPath = ApiPath.Parse(path) ?? throw NotFound();
        if (apiPath.Resource is null)
        {
            await Responses.WriteJson(context, Discovery.ResourceList(apiPath.Group, apiPath.Version, all) ?? throw NotFound()).ConfigureAwait(false);
            return;
        }
        await resources.Handle(context, apiPath).ConfigureAwait(false);
    }

    private bool Authorized(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        var header = values.Count > 0 ? values[0] : null;
        return header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(header[7..].Trim()), _token);
    }

    private static ApiException NotFound() =>
        new(System.Net.HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
}
