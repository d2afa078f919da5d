using System.Net;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

public class StrategicMergeSchemaTests
{
    [Theory]
    [InlineData("", "Pod")]
    [InlineData("", "Service")]
    [InlineData("", "Node")]
    [InlineData("", "Namespace")]
    [InlineData("", "ConfigMap")]
    [InlineData("", "Secret")]
    [InlineData("", "Endpoints")]
    [InlineData("", "PersistentVolumeClaim")]
    [InlineData("", "ServiceAccount")]
    [InlineData("", "Event")]
    [InlineData("apps", "Deployment")]
    [InlineData("apps", "StatefulSet")]
    [InlineData("apps", "DaemonSet")]
    [InlineData("apps", "ReplicaSet")]
    [InlineData("batch", "Job")]
    [InlineData("batch", "CronJob")]
    public void Built_in_kinds_are_supported_with_owner_references_and_finalizers(string group, string kind)
    {
        Assert.True(StrategicMergeSchema.Supports(group, kind));
        var schema = StrategicMergeSchema.For(group, kind);
        Assert.Equal(new StrategicMergeField(PatchStrategy.Merge, "uid"), schema.Lookup(["metadata", "ownerReferences"]));
        Assert.Equal(new StrategicMergeField(PatchStrategy.Merge), schema.Lookup(["metadata", "finalizers"]));
    }

    [Theory]
    [InlineData("apps.kruise.io", "CloneSet")]
    [InlineData("apps", "Pod")]
    [InlineData("", "pod")]
    public void Other_kinds_are_refused_with_415(string group, string kind)
    {
        Assert.False(StrategicMergeSchema.Supports(group, kind));
        var error = Json.Refused(HttpStatusCode.UnsupportedMediaType, () => StrategicMergeSchema.For(group, kind));
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Contains("application/merge-patch+json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Pod", "spec.containers", "name")]
    [InlineData("", "Pod", "spec.initContainers.env", "name")]
    [InlineData("", "Pod", "spec.ephemeralContainers.volumeMounts", "mountPath")]
    [InlineData("", "Pod", "spec.containers.ports", "containerPort")]
    [InlineData("", "Pod", "spec.volumes", "name")]
    [InlineData("", "Pod", "spec.imagePullSecrets", "name")]
    [InlineData("", "Pod", "spec.hostAliases", "ip")]
    [InlineData("", "Pod", "spec.topologySpreadConstraints", "topologyKey")]
    [InlineData("", "Pod", "status.conditions", "type")]
    [InlineData("", "Pod", "status.podIPs", "ip")]
    [InlineData("", "Service", "spec.ports", "port")]
    [InlineData("", "Node", "status.addresses", "type")]
    [InlineData("", "ServiceAccount", "secrets", "name")]
    [InlineData("", "PersistentVolumeClaim", "status.conditions", "type")]
    [InlineData("apps", "Deployment", "spec.template.spec.containers.env", "name")]
    [InlineData("apps", "StatefulSet", "spec.template.metadata.ownerReferences", "uid")]
    [InlineData("apps", "DaemonSet", "status.conditions", "type")]
    [InlineData("batch", "Job", "spec.template.spec.containers.volumeMounts", "mountPath")]
    [InlineData("batch", "CronJob", "spec.jobTemplate.spec.template.spec.containers", "name")]
    public void Lists_merge_by_the_struct_tag_key(string group, string kind, string path, string mergeKey)
    {
        var field = StrategicMergeSchema.For(group, kind).Lookup(path.Split('.'));
        Assert.NotNull(field);
        Assert.Equal(PatchStrategy.Merge, field.Strategy);
        Assert.Equal(mergeKey, field.MergeKey);
    }

    [Theory]
    [InlineData("", "Pod", "spec.tolerations")]
    [InlineData("", "Pod", "spec.readinessGates")]
    [InlineData("", "Pod", "status.containerStatuses")]
    [InlineData("", "Pod", "spec.containers.args")]
    [InlineData("", "Node", "spec.taints")]
    [InlineData("", "Endpoints", "subsets")]
    [InlineData("apps", "StatefulSet", "spec.volumeClaimTemplates")]
    [InlineData("apps", "Deployment", "spec.nope.deeper")]
    public void Untagged_lists_have_no_strategy(string group, string kind, string path) =>
        Assert.Null(StrategicMergeSchema.For(group, kind).Lookup(path.Split('.'))?.MergeKey);

    [Fact]
    public void Retain_keys_and_replace_tags_are_reported()
    {
        Assert.True(StrategicMergeSchema.For("apps", "Deployment").Lookup(["spec", "strategy"])!.RetainKeys);
        Assert.True(StrategicMergeSchema.For("", "Pod").Lookup(["spec", "volumes"])!.RetainKeys);
        Assert.Equal(PatchStrategy.Replace, StrategicMergeSchema.For("policy", "PodDisruptionBudget").Lookup(["spec", "selector"])!.Strategy);
        Assert.Equal(PatchStrategy.Merge, StrategicMergeSchema.For("", "Node").Lookup(["spec", "podCIDRs"])!.Strategy);
    }
}
