using System.Collections.ObjectModel;
using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.Common;
using Kruise.Actors.Planning.Pods;

namespace Kruise.Actors.Tests.Planning.Common;

public sealed class ReadOnlyMapsTests
{
    private static V1Pod Pod(IDictionary<string, string> labels) =>
        new() { Metadata = new V1ObjectMeta { Name = "web-a", NamespaceProperty = "ns", Labels = labels } };

    [Fact]
    public void A_pod_changed_after_it_was_observed_does_not_change_what_was_observed()
    {
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        var observed = ObservedPod.From(Pod(labels));

        labels["app"] = "changed";
        labels["new"] = "x";

        Assert.Equal([new KeyValuePair<string, string>("app", "web")], observed.Labels);
    }

    [Fact]
    public void A_trimmed_pods_labels_are_read_only_and_shared_with_its_observed_view()
    {
        var trimmed = PodTrimming.Trim(Pod(new Dictionary<string, string> { ["app"] = "web" }));
        var observed = ObservedPod.From(trimmed);

        Assert.Same(trimmed.Metadata.Labels, observed.Labels);
        Assert.Throws<NotSupportedException>(() => trimmed.Metadata.Labels["app"] = "changed");
        Assert.Equal("web", observed.Label("app"));
    }

    [Fact]
    public void Setting_or_removing_a_label_makes_a_copy_and_leaves_the_original_as_it_was()
    {
        var original = new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" });

        var set = ReadOnlyMaps.SetItem(original, "app", "api");
        var removed = ReadOnlyMaps.Remove(original, "tier");

        Assert.Equal("api", set["app"]);
        Assert.Equal("front", set["tier"]);
        Assert.False(removed.ContainsKey("tier"));
        Assert.Equal(2, original.Count);
        Assert.Equal("web", original["app"]);
    }

    [Fact]
    public void No_labels_read_as_an_empty_map()
    {
        Assert.Empty(ReadOnlyMaps.Of(null));
        Assert.Empty(ReadOnlyMaps.Of(new Dictionary<string, string>()));
    }
}
