using System.Text.Json.Nodes;

namespace Kruise.Actors.Tests.Admission;

/// <summary>AdmissionReview requests as the API server sends them for CloneSets.</summary>
public static class Reviews
{
    public static JsonObject CloneSet(string name = "web", Action<JsonObject>? spec = null)
    {
        var cloneSet = new JsonObject
        {
            ["apiVersion"] = "apps.kruise.io/v1alpha1",
            ["kind"] = "CloneSet",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 3,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "nginx", ["image"] = "nginx:1.25" }) },
                },
            },
        };
        spec?.Invoke((JsonObject)cloneSet["spec"]!);
        return cloneSet;
    }

    public static string Review(string operation, JsonNode? obj, JsonNode? oldObject = null, string kind = "CloneSet", string subResource = "")
    {
        var request = new JsonObject
        {
            ["uid"] = "0d1f8a52-5b7e-4c11-9c0e-2f4a9e1d7b10",
            ["kind"] = new JsonObject { ["group"] = "apps.kruise.io", ["version"] = "v1alpha1", ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = "apps.kruise.io", ["version"] = "v1alpha1", ["resource"] = "clonesets" },
            ["operation"] = operation,
            ["object"] = obj?.DeepClone(),
            ["oldObject"] = oldObject?.DeepClone(),
        };
        if (subResource.Length > 0)
            request["subResource"] = subResource;
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
    }

    public static void UpdateStrategy(JsonObject spec, string type, string? maxSurge = null, string? partition = null)
    {
        var strategy = new JsonObject { ["type"] = type };
        if (maxSurge is not null)
            strategy["maxSurge"] = maxSurge;
        if (partition is not null)
            strategy["partition"] = partition;
        spec["updateStrategy"] = strategy;
    }
}
