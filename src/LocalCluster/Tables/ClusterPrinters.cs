using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;
using static Kruise.Actors.LocalCluster.Tables.CorePrinters;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// PodDisruptionBudgets, PriorityClasses, ResourceQuotas and RoleBindings/ClusterRoleBindings,
/// column for column as the API server prints them.
/// </summary>
internal static class ClusterPrinters
{
    public static TablePrinter PodDisruptionBudget { get; } = new(
    [
        TableColumn.NameColumn,
        new("Min Available", Description: "The minimum number of pods that must be available."),
        new("Max Unavailable", Description: "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", Description: "Calculated number of pods that may be disrupted at this time."),
        TableColumn.Age,
    ], (o, now) =>
    [
        Name(o), IntOrStringText(At(o, "spec", "minAvailable")) ?? "N/A", IntOrStringText(At(o, "spec", "maxUnavailable")) ?? "N/A",
        Int(o, "status", "disruptionsAllowed"), Age(o, now),
    ]);

    // The preemption policy's column is not a wide one, though the API server fills it only for wide tables (which it always builds).
    public static TablePrinter PriorityClass { get; } = new(
    [
        TableColumn.NameColumn,
        new("Value", "integer", Description: "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."),
        new("Global-Default", "boolean", Description: "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority."),
        TableColumn.Age,
        new("PreemptionPolicy", Description: "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."),
    ], (o, now) => [Name(o), Int(o, "value"), Bool(o, "globalDefault"), Age(o, now), Str(o, "preemptionPolicy")]);

    public static TablePrinter ResourceQuota { get; } = new(
    [
        TableColumn.NameColumn,
        new("Request", Description: "Request represents a minimum amount of cpu/memory that a container may consume."),
        new("Limit", Description: "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        TableColumn.Age,
    ], QuotaCells);

    public static TablePrinter RoleBinding { get; } = Binding("roleBinding",
        "roleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.");

    public static TablePrinter ClusterRoleBinding { get; } = Binding("clusterRoleBinding",
        "roleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.");

    /// <summary>An IntOrString as Go prints it (a number's digits, a string as is); null when absent.</summary>
    internal static string? IntOrStringText(JsonNode? value) =>
        AsString(value) ?? (AsNumber(value) is { } number ? (number.Integer ?? (long)number.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);

    /// <summary>A resource quantity as stored (a string, or a bare number), null when absent.</summary>
    internal static string? QuantityText(JsonNode? value) =>
        AsString(value) ?? (AsNumber(value) is not null ? value!.ToJsonString() : null);

    private static TablePrinter Binding(string kind, string roleRefDescription) => new(
    [
        TableColumn.NameColumn,
        new("Role", Description: roleRefDescription),
        TableColumn.Age,
        TableColumn.Wide("Users", $"Users in the {kind}"),
        TableColumn.Wide("Groups", $"Groups in the {kind}"),
        TableColumn.Wide("ServiceAccounts", $"ServiceAccounts in the {kind}"),
    ], (o, now) =>
    {
        // rbac.SubjectsStrings: service accounts as namespace/name; kinds other than these three are not shown.
        var subjects = Objects(o, "subjects").ToList();
        string Of(string subjectKind, Func<JsonObject, string> text) =>
            string.Join(", ", subjects.Where(s => Str(s, "kind") == subjectKind).Select(text));
        return
        [
            Name(o), $"{Str(o, "roleRef", "kind")}/{Str(o, "roleRef", "name")}", Age(o, now),
            Of("User", s => Str(s, "name")), Of("Group", s => Str(s, "name")), Of("ServiceAccount", s => $"{Str(s, "namespace")}/{Str(s, "name")}"),
        ];
    });

    // Every resource in status.hard, sorted, as "name: used/hard"; limits.* go to the Limit column, the rest to Request.
    private static JsonNode?[] QuotaCells(JsonObject quota, DateTimeOffset now)
    {
        var hard = At(quota, "status", "hard") as JsonObject ?? [];
        var used = At(quota, "status", "used");
        var requests = new List<string>();
        var limits = new List<string>();
        foreach (var resource in hard.Select(p => p.Key).Order(StringComparer.Ordinal))
        {
            var entry = $"{resource}: {QuantityText(At(used, resource)) ?? "0"}/{QuantityText(hard[resource]) ?? "0"}";
            var pieces = resource.Split('.');
            (pieces.Length > 1 && pieces[0] == "limits" ? limits : requests).Add(entry);
        }
        return [Name(quota), string.Join(", ", requests), string.Join(", ", limits), Age(quota, now)];
    }
}
