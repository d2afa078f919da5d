using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// The parameters of the resource operations, in OpenAPI 3 form. kubectl reads one of them:
/// `fieldValidation` on a PATCH tells it the server validates fields itself, so it sends
/// fieldValidation=Strict instead of validating client-side.
/// </summary>
internal static class OperationParameters
{
    public static JsonArray ForList() =>
    [
        Query("allowWatchBookmarks", "boolean", "Ask for BOOKMARK events in a watch; servers may ignore it."),
        Query("continue", "string", "The continue token of the previous page of a chunked list."),
        Query("fieldSelector", "string", "Restrict the objects by their fields (metadata.name=x, ...)."),
        Query("labelSelector", "string", "Restrict the objects by their labels."),
        Query("limit", "integer", "The largest number of objects to return; the list metadata carries a continue token when more remain."),
        Query("resourceVersion", "string", "For a list, the version to read at; for a watch, the version to start after."),
        Query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        Query("sendInitialEvents", "boolean", "Start a watch with synthetic ADDED events for the existing objects."),
        Query("timeoutSeconds", "integer", "End the list or watch call after this many seconds."),
        Query("watch", "boolean", "Stream add, update and delete events instead of listing."),
    ];

    public static JsonArray ForWrite() =>
    [
        DryRun(),
        Query("fieldManager", "string", "The name of the actor making the change, recorded in managedFields."),
        FieldValidation(),
    ];

    public static JsonArray ForPatch()
    {
        var parameters = ForWrite();
        parameters.Add(Query("force", "boolean", "Take over the fields other managers own (apply patches only)."));
        return parameters;
    }

    public static JsonArray ForDelete() =>
    [
        DryRun(),
        Query("gracePeriodSeconds", "integer", "Seconds to wait before the object is deleted; 0 deletes at once."),
        Query("orphanDependents", "boolean", "Deprecated: use propagationPolicy. Whether dependents are orphaned."),
        Query("propagationPolicy", "string", "What happens to dependents: Orphan, Background or Foreground."),
    ];

    public static JsonArray ForDeleteCollection()
    {
        var parameters = ForDelete();
        foreach (var parameter in ForList())
        {
            if (parameter!["name"]!.GetValue<string>() != "watch" && parameter["name"]!.GetValue<string>() != "allowWatchBookmarks")
                parameters.Add(parameter.DeepClone());
        }
        return parameters;
    }

    /// <summary>The parameters every operation of a path shares: the object's name and namespace, and pretty.</summary>
    public static JsonArray ForPath(string kind, bool named, bool namespaced)
    {
        var parameters = new JsonArray();
        if (named)
            parameters.Add(PathParameter("name", $"name of the {kind}"));
        if (namespaced)
            parameters.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        parameters.Add(Query("pretty", "string", "If 'true', the output is pretty printed."));
        return parameters;
    }

    private static JsonObject DryRun() =>
        Query("dryRun", "string", "When present (All), the request is validated and answered but nothing is persisted.");

    private static JsonObject FieldValidation() => Query("fieldValidation", "string",
        "How to treat unknown or duplicate fields in the object: Ignore (drop them), Warn (drop them and warn) "
        + "or Strict (fail the request with BadRequest).");

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
