using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;
using static Kruise.Actors.LocalCluster.Tables.CorePrinters;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>Ingresses, column for column as the API server prints them.</summary>
internal static class IngressPrinter
{
    public static TablePrinter Printer { get; } = new(
    [
        TableColumn.NameColumn,
        new("Class", Description: "The name of the IngressClass resource that should be used for additional configuration"),
        new("Hosts", Description: "Hosts that incoming requests are matched against before the ingress rule"),
        new("Address", Description: "Address is a list containing ingress points for the load-balancer"),
        new("Ports", Description: "Ports of TLS configurations that open"),
        TableColumn.Age,
    ], (o, now) =>
    [
        Name(o), AsString(At(o, "spec", "ingressClassName")) ?? "<none>", Hosts(Objects(o, "spec", "rules").ToList()),
        Address(o), Count(o, "spec", "tls") > 0 ? "80, 443" : "80", Age(o, now),
    ]);

    // formatHosts: the first three hosts; once three are listed, "+ N more..." counts every further
    // rule, with a host or not, as the apiserver does.
    private static string Hosts(List<JsonObject> rules)
    {
        const int Max = 3;
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (hosts.Count == Max)
                more = true;
            if (!more && Str(rule, "host") is { Length: > 0 } host)
                hosts.Add(host);
        }
        if (hosts.Count == 0)
            return "*";
        var text = string.Join(",", hosts);
        return more ? $"{text} + {rules.Count - Max} more..." : text;
    }

    // Each load balancer ingress point's IP, else its hostname: distinct and sorted. The table is
    // always built wide, so the list is not clipped.
    private static string Address(JsonObject ingress) => string.Join(",",
        Objects(ingress, "status", "loadBalancer", "ingress")
            .Select(i => Str(i, "ip") is { Length: > 0 } ip ? ip : Str(i, "hostname"))
            .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
