using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>Service defaults: type ClusterIP, a cluster IP from 10.96.0.0/16, TCP ports with targetPort = port.</summary>
public static class ServiceRules
{
    public static void OnCreate(JsonObject service, ResourceService api)
    {
        var spec = service["spec"] as JsonObject ?? [];
        service["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }
        if ((string?)spec["type"] == "ExternalName")
            return;
        if (spec["clusterIP"] is null || (string?)spec["clusterIP"] == "")
            spec["clusterIP"] = FreeClusterIp(api);
        spec["clusterIPs"] ??= new JsonArray((string?)spec["clusterIP"]);
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        spec["internalTrafficPolicy"] ??= "Cluster";
    }

    private static string FreeClusterIp(ResourceService api)
    {
        var services = api.Registry.Find("", "v1", "services")!;
        var used = api.Store.List(services.Key, null).Items
            .Select(s => (string?)s.Object["spec"]?["clusterIP"]).OfType<string>().ToHashSet();
        // 10.96.0.1 is the kubernetes service's address in real clusters; start after it.
        for (var i = 2; i < 65534; i++)
        {
            var ip = $"10.96.{i / 256}.{i % 256}";
            if (!used.Contains(ip))
                return ip;
        }
        throw new ApiException(System.Net.HttpStatusCode.InternalServerError, "InternalError", "no free cluster IPs in 10.96.0.0/16");
    }
}
