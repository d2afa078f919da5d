using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Legacy discovery documents (kubectl falls back to them when aggregated discovery is not offered).</summary>
public static class Discovery
{
    public static JsonObject Version(string minor) => new()
    {
        ["major"] = "1",
        ["minor"] = minor,
        ["gitVersion"] = $"v1.{minor}.4",
        ["gitCommit"] = "kruise-actors-local-cluster",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
    };

    public static JsonObject GroupList(IReadOnlyList<ResourceType> resources) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(resources.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).Select(g => (JsonNode?)Group(g.Key, g.ToList())).ToArray()),
    };

    public static JsonObject? Group(string group, IReadOnlyList<ResourceType> resources)
    {
        var inGroup = resources.Where(r => r.Group == group).ToList();
        if (inGroup.Count == 0)
            return null;
        var versions = inGroup.Select(r => r.Version).Distinct().ToList();
        var preferred = inGroup.FirstOrDefault(r => r.Version == r.StorageVersion)?.Version ?? versions[0];
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)VersionEntry(group, v)).ToArray()),
            ["preferredVersion"] = VersionEntry(group, preferred),
        };
    }

    public static JsonObject? ResourceList(string group, string version, IReadOnlyList<ResourceType> resources)
    {
        var served = resources.Where(r => r.Group == group && r.Version == version).ToList();
        if (served.Count == 0)
            return null;
        var entries = new JsonArray();
        foreach (var type in served)
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(ResourceType.AllVerbs.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            };
            if (type.ShortNames.Count > 0)
                entry["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            if (type.Categories.Count > 0)
                entry["categories"] = new JsonArray(type.Categories.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            entries.Add(entry);
            if (type.HasStatus)
                entries.Add(Subresource(type, "status", type.Kind, null, null, "get", "patch", "update"));
            if (type.Scale is not null)
                entries.Add(Subresource(type, "scale", "Scale", "autoscaling", "v1", "get", "patch", "update"));
            foreach (var extra in type.ExtraSubresources)
            {
                entries.Add(extra switch
                {
                    "binding" => Subresource(type, extra, "Binding", null, null, "create"),
                    "eviction" => Subresource(type, extra, "Eviction", "policy", "v1", "create"),
                    _ => Subresource(type, extra, type.Kind, null, null, "update"),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = entries,
        };
    }

    private static JsonObject Subresource(ResourceType type, string name, string kind, string? group, string? version, params string[] verbs)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{type.Plural}/{name}",
            ["singularName"] = "",
            ["namespaced"] = type.Namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        };
        if (group is not null)
            entry["group"] = group;
        if (version is not null)
            entry["version"] = version;
        return entry;
    }

    private static JsonObject VersionEntry(string group, string version) =>
        new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
}
