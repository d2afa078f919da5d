using System.Globalization;
using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;
using static Kruise.Actors.LocalCluster.Tables.CorePrinters;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>HorizontalPodAutoscalers (autoscaling/v2), column for column as the API server prints them.</summary>
internal static class AutoscalerPrinter
{
    public static TablePrinter Printer { get; } = new(
    [
        TableColumn.NameColumn,
        new("Reference", Description: "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        new("Targets", Description: "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond."),
        new("MinPods", Description: "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available."),
        new("MaxPods", Description: "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas."),
        new("Replicas", Description: "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        TableColumn.Age,
    ], (o, now) =>
    [
        Name(o), $"{Str(o, "spec", "scaleTargetRef", "kind")}/{Str(o, "spec", "scaleTargetRef", "name")}",
        Targets(At(o, "spec", "metrics") as JsonArray ?? [], At(o, "status", "currentMetrics") as JsonArray ?? []),
        IntOrNull(o, "spec", "minReplicas") is { } min ? min.ToString(CultureInfo.InvariantCulture) : "<unset>",
        Int(o, "spec", "maxReplicas"), Int(o, "status", "currentReplicas"), Age(o, now),
    ]);

    /// <summary>
    /// formatHPAMetrics: each metric as "current/target" (current from the status entry at the same
    /// index, &lt;unknown&gt; until there is one), the first two shown and the rest counted.
    /// </summary>
    internal static string Targets(JsonArray specs, JsonArray statuses)
    {
        if (specs.Count == 0)
            return "<none>";
        const int Max = 2;
        var shown = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i] as JsonObject;
            var status = i < statuses.Count ? statuses[i] : null;
            shown.Add(Str(spec, "type") switch
            {
                "External" => ValueMetric(At(spec, "external", "target"), At(status, "external")),
                "Object" => ValueMetric(At(spec, "object", "target"), At(status, "object")),
                "Pods" => $"{(At(status, "pods") is { } pods ? Quantity(At(pods, "current", "averageValue")) : "<unknown>")}/{Quantity(At(spec, "pods", "target", "averageValue"))}",
                "Resource" => ResourceMetric(At(spec, "resource"), At(status, "resource")),
                "ContainerResource" => ResourceMetric(At(spec, "containerResource"), At(status, "containerResource")),
                _ => "<unknown type>",
            });
        }
        var text = string.Join(", ", shown.Take(Max));
        return specs.Count > Max ? $"{text} + {specs.Count - Max} more..." : text;
    }

    // External and Object metrics: an average value target is marked "(avg)".
    private static string ValueMetric(JsonNode? target, JsonNode? status)
    {
        if (At(target, "averageValue") is { } average)
        {
            var current = At(status, "current", "averageValue") is { } value ? Quantity(value) : "<unknown>";
            return $"{current}/{Quantity(average)} (avg)";
        }
        return $"{(status is not null ? Quantity(At(status, "current", "value")) : "<unknown>")}/{Quantity(At(target, "value"))}";
    }

    // Resource and ContainerResource metrics, named: an average value, or a utilization percentage (<auto> without a target).
    private static string ResourceMetric(JsonNode? spec, JsonNode? status)
    {
        var name = Str(spec, "name");
        if (At(spec, "target", "averageValue") is { } average)
            return $"{name}: {(status is not null ? Quantity(At(status, "current", "averageValue")) : "<unknown>")}/{Quantity(average)}";
        var current = IntOrNull(status, "current", "averageUtilization") is { } used ? $"{used}%" : "<unknown>";
        var target = IntOrNull(spec, "target", "averageUtilization") is { } wanted ? $"{wanted}%" : "<auto>";
        return $"{name}: {current}/{target}";
    }

    // Quantity.String of a nil quantity is "<nil>".
    private static string Quantity(JsonNode? value) => ClusterPrinters.QuantityText(value) ?? "<nil>";
}
