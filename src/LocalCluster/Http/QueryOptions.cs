using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>The query parameters and headers requests carry (write options, delete options, table output).</summary>
public static class QueryOptions
{
    public static WriteOptions Write(HttpRequest request) => new()
    {
        DryRun = DryRun(request.Query["dryRun"], request.Method switch { "POST" => "CreateOptions", "PUT" => "UpdateOptions", _ => "PatchOptions" }),
        FieldValidation = request.Query["fieldValidation"].FirstOrDefault() ?? "Warn",
    };

    public static long? Long(HttpRequest request, string name) =>
        long.TryParse(request.Query[name].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Flag(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is "true" or "1";

    /// <summary>DeleteOptions from the body (kubectl sends one) merged with query parameters, validated as the apiserver does.</summary>
    public static DeleteOptions Delete(HttpRequest request, JsonObject? body)
    {
        DeleteOptionsBody.Check(body);
        var policy = JsonRead.AsString(body?["propagationPolicy"]) ?? request.Query["propagationPolicy"].FirstOrDefault();
        var orphan = JsonRead.At(body, "orphanDependents") is JsonValue;
        if (policy is not (null or "Foreground" or "Background" or "Orphan"))
            throw DeleteOptionsInvalid(new("FieldValueNotSupported", "propagationPolicy", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
        if (policy is not null && orphan)
            throw DeleteOptionsInvalid(new("FieldValueInvalid", "propagationPolicy", $"Invalid value: \"{policy}\": orphanDependents and deletionPropagation cannot be both set"));
        var dryRun = body?["dryRun"] is JsonArray values
            ? DryRun(new Microsoft.Extensions.Primitives.StringValues(values.Select(v => JsonRead.AsString(v) ?? "").ToArray()), "DeleteOptions")
            : DryRun(request.Query["dryRun"], "DeleteOptions");
        return new(
            PropagationPolicy: policy ?? (JsonRead.Bool(body, "orphanDependents") ? "Orphan" : null),
            GracePeriodSeconds: JsonRead.IntOrNull(body, "gracePeriodSeconds") ?? Long(request, "gracePeriodSeconds"),
            PreconditionUid: JsonRead.AsString(JsonRead.At(body, "preconditions", "uid")),
            PreconditionResourceVersion: JsonRead.AsString(JsonRead.At(body, "preconditions", "resourceVersion")),
            DryRun: dryRun);
    }

    /// <summary>dryRun: absent, or "All" (the only value the apiserver knows); anything else is 422.</summary>
    private static bool DryRun(Microsoft.Extensions.Primitives.StringValues values, string optionsKind)
    {
        if (values.Count == 0)
            return false;
        if (values.All(v => v == "All"))
            return true;
        var quoted = string.Join(", ", values.Select(v => $"\"{v}\""));
        throw ApiException.Invalid(optionsKind + ".meta.k8s.io", "",
            [new("FieldValueNotSupported", "dryRun", $"Unsupported value: []string{{{quoted}}}: supported values: \"All\"")]);
    }

    private static ApiException DeleteOptionsInvalid(ApiErrorCause cause) => ApiException.Invalid("DeleteOptions.meta.k8s.io", "", [cause]);

    /// <summary>Whether the client asked for server-side table output (kubectl get).</summary>
    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    public static void AddWarnings(HttpResponse response, WriteOptions options)
    {
        foreach (var warning in options.Warnings)
            response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
    }
}
