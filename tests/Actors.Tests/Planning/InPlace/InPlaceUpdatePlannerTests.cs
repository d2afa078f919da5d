using k8s.Models;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.InPlace;

public sealed class InPlaceUpdatePlannerTests
{
    private static V1Container Container(string name, string image, params V1EnvVar[] env) =>
        new() { Name = name, Image = image, Env = env.Length == 0 ? null : env.ToList() };

    private static V1EnvVar FromField(string name, string fieldPath) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } } };

    // Two containers; "app" reads the "tier" label and the "owner" annotation through the downward API.
    private static V1PodTemplateSpec Base() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" },
            Annotations = new Dictionary<string, string> { ["owner"] = "team-a", ["note"] = "x" },
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                Container("app", "nginx:1.25", FromField("TIER", "metadata.labels['tier']"), FromField("OWNER", "metadata.annotations['owner']")),
                Container("sidecar", "busybox:1.36"),
            ],
        },
    };

    private static V1PodTemplateSpec With(Action<V1PodTemplateSpec> change)
    {
        var template = Base();
        change(template);
        return template;
    }

    private static readonly Dictionary<string, Action<V1PodTemplateSpec>> Changes = new()
    {
        ["identical"] = _ => { },
        ["image of one container"] = t => t.Spec.Containers[0].Image = "nginx:1.26",
        ["images of both containers"] = t => { t.Spec.Containers[0].Image = "nginx:1.26"; t.Spec.Containers[1].Image = "busybox:1.37"; },
        ["label added"] = t => t.Metadata.Labels["zone"] = "a",
        ["label changed"] = t => t.Metadata.Labels["app"] = "web2",
        ["label removed"] = t => t.Metadata.Labels.Remove("app"),
        ["annotation added and one removed"] = t => { t.Metadata.Annotations["new"] = "1"; t.Metadata.Annotations.Remove("note"); },
        ["label read by env changed"] = t => t.Metadata.Labels["tier"] = "back",
        ["annotation read by env removed"] = t => t.Metadata.Annotations.Remove("owner"),
        ["image and label read by env"] = t => { t.Spec.Containers[1].Image = "busybox:1.37"; t.Metadata.Labels["tier"] = "back"; },
        ["env changed"] = t => t.Spec.Containers[0].Env.Add(new V1EnvVar { Name = "DEBUG", Value = "1" }),
        ["resources changed"] = t => t.Spec.Containers[1].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } },
        ["port added"] = t => t.Spec.Containers[1].Ports = [new V1ContainerPort { ContainerPort = 80 }],
        ["container added"] = t => t.Spec.Containers.Add(Container("extra", "redis:7")),
        ["container removed"] = t => t.Spec.Containers.RemoveAt(1),
        ["container renamed"] = t => t.Spec.Containers[1].Name = "helper",
        ["init container image"] = t => t.Spec.InitContainers = [Container("init", "busybox:1.37")],
        ["volume added"] = t => t.Spec.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }],
        ["node selector"] = t => t.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" },
        ["metadata finalizers"] = t => t.Metadata.Finalizers = ["x/y"],
        ["empty env list means no env"] = t => t.Spec.Containers[1].Env = [],
    };

    // change, possible, reason, images ("name=image"), labels ("k=v", "k=" for removal), annotations, restarts
    public static TheoryData<string, bool, string?, string[], string[], string[], string[]> Cases => new()
    {
        { "identical", true, null, [], [], [], [] },
        { "image of one container", true, null, ["app=nginx:1.26"], [], [], [] },
        { "images of both containers", true, null, ["app=nginx:1.26", "sidecar=busybox:1.37"], [], [], [] },
        { "label added", true, null, [], ["zone=a"], [], [] },
        { "label changed", true, null, [], ["app=web2"], [], [] },
        { "label removed", true, null, [], ["app="], [], [] },
        { "annotation added and one removed", true, null, [], [], ["new=1", "note="], [] },
        { "label read by env changed", true, null, [], ["tier=back"], [], ["app"] },
        { "annotation read by env removed", true, null, [], [], ["owner="], ["app"] },
        { "image and label read by env", true, null, ["sidecar=busybox:1.37"], ["tier=back"], [], ["app"] },
        { "env changed", false, "spec.containers[0].env changed", [], [], [], [] },
        { "resources changed", false, "spec.containers[1].resources changed", [], [], [], [] },
        { "port added", false, "spec.containers[1].ports changed", [], [], [], [] },
        { "container added", false, "spec.containers changed (from 2 to 3 containers)", [], [], [], [] },
        { "container removed", false, "spec.containers changed (from 2 to 1 containers)", [], [], [], [] },
        { "container renamed", false, "spec.containers[1].name changed", [], [], [], [] },
        // OpenKruise only patches spec.containers[*].image in place; an init container change recreates.
        { "init container image", false, "spec.initContainers changed", [], [], [], [] },
        { "volume added", false, "spec.volumes changed", [], [], [], [] },
        { "node selector", false, "spec.nodeSelector changed", [], [], [], [] },
        { "metadata finalizers", false, "metadata.finalizers changed", [], [], [], [] },
        { "empty env list means no env", true, null, [], [], [], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plans_in_place_only_for_images_and_metadata(string change, bool possible, string? reason, string[] images, string[] labels, string[] annotations, string[] restarts)
    {
        var plan = InPlaceUpdatePlanner.Plan(Base(), With(Changes[change]), "web-rev2");

        Assert.Equal(possible, plan.Possible);
        Assert.Equal(reason, plan.Reason);
        if (!possible)
            return;
        var spec = plan.Spec!;
        Assert.Equal("web-rev2", spec.Revision);
        Assert.Equal(images, spec.ContainerImages.Select(p => $"{p.Key}={p.Value}").Order());
        Assert.Equal(labels, spec.Labels.Select(p => $"{p.Key}={p.Value}").Order());
        Assert.Equal(annotations, spec.Annotations.Select(p => $"{p.Key}={p.Value}").Order());
        Assert.Equal(restarts, spec.RestartContainers);
    }

    [Fact]
    public void A_template_read_back_from_its_revision_plans_an_empty_update()
    {
        var restored = RevisionData.FromTemplate(Base()).Template()!;

        var plan = InPlaceUpdatePlanner.Plan(restored, Base(), "web-rev1");

        Assert.True(plan.Possible);
        Assert.Empty(plan.Spec!.ContainerImages);
        Assert.Empty(plan.Spec.Labels);
        Assert.Empty(plan.Spec.Annotations);
    }

    [Theory]
    [InlineData("metadata.labels['tier']", "labels", "tier")]
    [InlineData("metadata.annotations[\"a.b/c\"]", "annotations", "a.b/c")]
    [InlineData("metadata.labels", null, null)]
    [InlineData("metadata.name", null, null)]
    [InlineData("metadata.labels['x\"]", null, null)]
    public void Reads_downward_api_field_paths(string fieldPath, string? kind, string? key)
    {
        var parsed = DownwardApiRefs.Parse(fieldPath);

        Assert.Equal(kind, parsed?.Kind);
        Assert.Equal(key, parsed?.Key);
    }

    [Fact]
    public void Equal_specs_from_different_collections_compare_equal()
    {
        var a = new InPlaceUpdateSpec("r", new Dictionary<string, string> { ["c"] = "i" }, new Dictionary<string, string?> { ["l"] = null }, new Dictionary<string, string?>(), ["c"]);
        var b = new InPlaceUpdateSpec("r", new SortedDictionary<string, string> { ["c"] = "i" }, new Dictionary<string, string?> { ["l"] = null }, new Dictionary<string, string?>(), new List<string> { "c" });

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Revision = "r2" });
    }
}
