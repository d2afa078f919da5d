using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// A container image reference as the container runtime normalises it (docker's reference
/// rules): "nginx" is docker.io/library/nginx:latest, "nginx:1.25" docker.io/library/nginx:1.25,
/// "org/app" docker.io/org/app:latest, "registry.local:5000/app@sha256:..." stays as given.
/// The simulated runtime derives the pulled image's digest from the reference, so the imageID
/// is stable for one reference and differs between references.
/// </summary>
public sealed partial record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    private const string DockerHub = "docker.io";

    /// <summary>The reference as the runtime reports it in containerStatuses[].image.</summary>
    public string Normalized => Digest is not null && Tag is null ? $"{Repository}@{Digest}" : $"{Repository}:{Tag}";

    public string Repository => $"{Domain}/{Path}";

    /// <summary>The repo digest the runtime reports as containerStatuses[].imageID.</summary>
    public string ImageId => $"{Repository}@{Digest ?? "sha256:" + Sha256Hex(Normalized)}";

    /// <summary>A plausible compressed size, stable per image (the Pulled event reports it).</summary>
    public long SizeBytes => 5_000_000 + (long)(Hash64(Normalized) % 145_000_000);

    /// <summary>Between 0 and 1, stable per image: spreads pull times of different images.</summary>
    public double PullSpread => Hash64(Normalized) % 1000 / 1000.0;

    /// <summary>Parse <paramref name="image"/> as spec.containers[].image; null and an error worded as the kubelet's when it is no reference.</summary>
    public static (ImageReference? Reference, string? Error) Parse(string image)
    {
        var (reference, problem) = TryParse(image);
        return reference is not null
            ? (reference, null)
            : (null, $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format{problem}");
    }

    private static (ImageReference?, string) TryParse(string image)
    {
        if (image.Length == 0 || image.Trim() != image)
            return (null, "");
        var rest = image;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
                return (null, "");
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
                return (null, "");
        }
        var domain = DockerHub;
        var path = rest;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.Any(char.IsUpper))
            {
                domain = first == "index.docker.io" ? DockerHub : first;
                path = rest[(slash + 1)..];
                if (!DomainPattern().IsMatch(domain))
                    return (null, "");
            }
        }
        if (path.Any(char.IsUpper))
            return (null, ": repository name must be lowercase");
        if (path.Split('/').Any(component => !ComponentPattern().IsMatch(component)))
            return (null, "");
        if (domain == DockerHub && !path.Contains('/', StringComparison.Ordinal))
            path = "library/" + path;
        if (tag is null && digest is null)
            tag = "latest";
        return (new ImageReference(domain, path, tag, digest), "");
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static ulong Hash64(string text) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();
}
