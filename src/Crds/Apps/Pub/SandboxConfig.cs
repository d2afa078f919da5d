using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Kruise.Actors.Crds.Apps.Pub;

/// <summary>Pod-sandbox metadata handed to the CRI's PullImage call, for runtimes that pull per sandbox.</summary>
public sealed class SandboxConfig
{
    [JsonPropertyName("labels"), Description("Labels put on the sandbox the image is pulled for.")]
    public IDictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations"), Description("Annotations put on the sandbox the image is pulled for.")]
    public IDictionary<string, string>? Annotations { get; set; }
}

/// <summary>When the node daemon pulls an image it may already have (imagePullPolicy of image jobs).</summary>
public static class ImagePullPolicies
{
    public const string Always = "Always";
    public const string IfNotPresent = "IfNotPresent";

    public static readonly IReadOnlyList<string> All = [Always, IfNotPresent];
}
