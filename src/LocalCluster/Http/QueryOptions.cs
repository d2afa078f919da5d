using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>The query parameters and headers requests carry (write options, delete options, table output).</summary>
public static class QueryOptions
{
    public static WriteOptions Write(HttpRequest request) => new()
    {
        DryRun = request.Query.ContainsKey("dryRun"),
        FieldValidation = request.Query["fieldValidation"].FirstOrDefault() ?? "Warn",
    };

    public static long? Long(HttpRequest request, string name) =>
        long.TryParse(request.Query[name].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Flag(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is "true" or "1";

    /// <summary>DeleteOptions from the body (kubectl sends one) merged with query parameters.</summary>
    public static DeleteOptions Delete(HttpRequest request, JsonObject? body) => new(
        PropagationPolicy: (string?)body?["propagationPolicy"] ?? request.Query["propagationPolicy"].FirstOrDefault()
            ?? (JsonRead.Bool(body, "orphanDependents") ? "Orphan" : null),
        GracePeriodSeconds: JsonRead.IntOrNull(body, "gracePeriodSeconds") ?? Long(request, "gracePeriodSeconds"),
        PreconditionUid: (string?)body?["preconditions"]?["uid"],
        PreconditionResourceVersion: (string?)body?["preconditions"]?["resourceVersion"],
        DryRun: request.Query.ContainsKey("dryRun") || (body?["dryRun"] as JsonArray)?.Count > 0);

    /// <summary>Whether the client asked for server-side table output (kubectl get).</summary>
    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    public static void AddWarnings(HttpResponse response, WriteOptions options)
    {
        foreach (var warning in options.Warnings)
            response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
    }
}
