using k8s.Models;
using Kruise.Actors.Crds.Apps;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class NodeImageTests
{
    private static readonly DateTime Now = new(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);

    private static ImageTagSpec Tag(string tag) => new()
    {
        Tag = tag,
        CreatedAt = Now,
        PullPolicy = new ImageTagPullPolicy { TimeoutSeconds = 600, BackoffLimit = 3, TtlSecondsAfterFinished = 300 },
        OwnerReferences = [new V1ObjectReference { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "ImagePullJob", Name = "prefetch", NamespaceProperty = "web" }],
        Version = 1,
    };

    private static NodeImage Valid() => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "NodeImage",
        Metadata = new V1ObjectMeta { Name = "node-a" },
        Spec = new NodeImageSpec
        {
            Images = new Dictionary<string, ImageSpec>
            {
                ["nginx"] = new() { Tags = [Tag("1.25.3"), Tag("1.26.0")] },
                ["redis"] = new() { PullSecrets = [new ReferenceObject { Namespace = "web", Name = "regcred" }], Tags = [Tag("7.2")] },
            },
        },
    };

    [Fact]
    public void A_valid_node_image_has_no_errors()
    {
        Assert.Empty(NodeImageValidation.Validate(Valid()));
        Assert.Empty(NodeImageValidation.Validate(new NodeImage { Metadata = new V1ObjectMeta { Name = "empty-node" } }));
    }

    [Fact]
    public void Defaults_fill_each_tag_and_sort_tags()
    {
        var input = Valid();
        input.Spec.Images!["nginx"].Tags = [new ImageTagSpec { Tag = "1.26.0" }, new ImageTagSpec { Tag = "1.25.3", PullPolicy = new ImageTagPullPolicy { TimeoutSeconds = 60 } }];
        input.Status = new NodeImageStatus
        {
            Desired = 2,
            ImageStatuses = new Dictionary<string, ImageStatus>
            {
                ["nginx"] = new() { Tags = [new ImageTagStatus { Tag = "b", Phase = "Pulling" }, new ImageTagStatus { Tag = "a", Phase = "Waiting" }] },
            },
        };
        var nodeImage = NodeImageDefaults.Apply(input, Now.AddTicks(1234567));

        var tags = nodeImage.Spec.Images!["nginx"].Tags!;
        Assert.Equal(["1.25.3", "1.26.0"], tags.Select(t => t.Tag));
        Assert.All(tags, t => Assert.Equal(Now, t.CreatedAt));
        Assert.Equal(60, tags[0].PullPolicy!.TimeoutSeconds);
        Assert.Equal(600, tags[1].PullPolicy!.TimeoutSeconds);
        Assert.All(tags, t => Assert.Equal(3, t.PullPolicy!.BackoffLimit));
        Assert.All(tags, t => Assert.Null(t.PullPolicy!.TtlSecondsAfterFinished));
        Assert.Equal(["a", "b"], nodeImage.Status!.ImageStatuses!["nginx"].Tags!.Select(t => t.Tag));
        Assert.Null(input.Spec.Images["nginx"].Tags![0].CreatedAt);
    }

    public static TheoryData<string, Action<NodeImage>, string[]> Invalid => new()
    {
        { "bad node name", n => n.Metadata.Name = "Node_A", ["metadata.name: invalid value \"Node_A\": must be a lowercase RFC 1123 subdomain"] },
        {
            "too many images",
            n => n.Spec.Images = Enumerable.Range(0, 257).ToDictionary(i => $"image-{i}", _ => new ImageSpec { Tags = [] }),
            ["spec.images: must have at most 256 images, got 257"]
        },
        { "empty image name", n => n.Spec.Images![""] = new ImageSpec { Tags = [] }, ["spec.images: image names must not be empty"] },
        { "no tags list", n => n.Spec.Images!["nginx"].Tags = null, ["spec.images[nginx].tags: is required"] },
        { "empty tag", n => n.Spec.Images!["nginx"].Tags![1].Tag = "", ["spec.images[nginx].tags[1].tag: must not be empty"] },
        { "duplicate tag", n => n.Spec.Images!["redis"].Tags!.Add(Tag("7.2")), ["spec.images[redis].tags[1].tag: duplicate value \"7.2\""] },
        { "no createdAt", n => n.Spec.Images!["nginx"].Tags![0].CreatedAt = null, ["spec.images[nginx].tags[0].createdAt: is required"] },
        { "negative version", n => n.Spec.Images!["nginx"].Tags![0].Version = -1, ["spec.images[nginx].tags[0].version: must be >= 0"] },
        { "no pull policy", n => n.Spec.Images!["nginx"].Tags![0].PullPolicy = null, ["spec.images[nginx].tags[0].pullPolicy: is required"] },
        {
            "no ttl",
            n => n.Spec.Images!["redis"].Tags![0].PullPolicy!.TtlSecondsAfterFinished = null,
            ["spec.images[redis].tags[0].pullPolicy.ttlSecondsAfterFinished: is required"]
        },
        {
            "negative limits",
            n => n.Spec.Images!["redis"].Tags![0].PullPolicy = new ImageTagPullPolicy { TtlSecondsAfterFinished = -1, TimeoutSeconds = -1, BackoffLimit = -1, ActiveDeadlineSeconds = -1 },
            [
                "spec.images[redis].tags[0].pullPolicy.ttlSecondsAfterFinished: must be >= 0",
                "spec.images[redis].tags[0].pullPolicy.timeoutSeconds: must be >= 0",
                "spec.images[redis].tags[0].pullPolicy.backoffLimit: must be >= 0",
                "spec.images[redis].tags[0].pullPolicy.activeDeadlineSeconds: must be >= 0",
            ]
        },
        {
            "unknown pull policy",
            n => n.Spec.Images!["nginx"].Tags![1].ImagePullPolicy = "Never",
            ["spec.images[nginx].tags[1].imagePullPolicy: unsupported value \"Never\": must be one of Always, IfNotPresent"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_node_images(string name, Action<NodeImage> breakIt, string[] expected)
    {
        var nodeImage = Valid();
        breakIt(nodeImage);
        var errors = NodeImageValidation.Validate(nodeImage).Select(e => e.ToString()).ToList();
        Assert.True(expected.SequenceEqual(errors), $"{name}: {string.Join(" | ", errors)}");
    }
}
