using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// The apiserver's DefaultTolerationSeconds admission plugin: a pod created without a NoExecute
/// toleration for the not-ready or unreachable taint gets one with <paramref name="seconds"/>, so
/// the node lifecycle controller evicts it that long after its node fails (300 s by default).
/// </summary>
internal sealed class DefaultTolerationSeconds(long seconds) : IAdmissionStep
{
    public const string NotReadyKey = "node.kubernetes.io/not-ready";
    public const string UnreachableKey = "node.kubernetes.io/unreachable";

    public bool Mutating => true;

    public Task Admit(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request is { Operation: "CREATE", Subresource: null, Type: { Group: "", Plural: "pods" } })
            Apply(request.Object, seconds);
        return Task.CompletedTask;
    }

    public static void Apply(JsonObject pod, long seconds)
    {
        var spec = pod["spec"] as JsonObject ?? [];
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var key in new[] { NotReadyKey, UnreachableKey })
        {
            if (tolerations.OfType<JsonObject>().Any(t => Covers(t, key)))
                continue;
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = seconds });
        }
        spec["tolerations"] = tolerations;
        pod["spec"] = spec;
    }

    // Upstream counts any toleration naming the key (or no key) with effect NoExecute (or none), whatever its operator.
    private static bool Covers(JsonObject toleration, string key) =>
        JsonRead.Str(toleration, "key") is var k && (k == key || k.Length == 0)
        && JsonRead.Str(toleration, "effect") is "" or "NoExecute";
}
