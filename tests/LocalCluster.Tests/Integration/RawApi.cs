using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>An answer of the API server: its HTTP status and JSON body (null when the body is not JSON).</summary>
public sealed record RawResponse(HttpStatusCode Code, string Text, JsonObject? Json)
{
    /// <summary>The body as a Kubernetes Status, asserting it is one with this code.</summary>
    public JsonObject Status(HttpStatusCode expected)
    {
        Assert.True(Code == expected, $"expected {(int)expected}, got {(int)Code}: {Text}");
        Assert.NotNull(Json);
        Assert.Equal("Status", (string?)Json["kind"]);
        Assert.Equal("Failure", (string?)Json["status"]);
        Assert.Equal((int)expected, (int?)Json["code"]);
        return Json;
    }
}

/// <summary>Hand-made HTTP requests, for what typed clients cannot send: broken bodies, no token.</summary>
public static class RawApi
{
    public static async Task<RawResponse> Send(this ClusterFixture cluster, HttpMethod method, string path, string? body = null,
        string contentType = "application/json", bool withToken = true)
    {
        using var request = new HttpRequestMessage(method, cluster.Server.Url + path);
        if (withToken)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Server.Token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        // The typed client's HttpClient already trusts the cluster's CA; its credentials are added per request, so none here.
        using var response = await cluster.Client.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return new RawResponse(response.StatusCode, text, json);
    }
}
