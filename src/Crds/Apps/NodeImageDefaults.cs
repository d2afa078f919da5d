using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// OpenKruise's NodeImage defaults (each tag gets createdAt and pull limits) plus its webhook's
/// sorting of tags, so spec and status list tags in the same order. Returns a defaulted copy.
/// </summary>
public static class NodeImageDefaults
{
    public static NodeImage Apply(NodeImage input) => Apply(input, DateTime.UtcNow);

    /// <summary>Defaults with <paramref name="now"/> (truncated to seconds, as the API stores it) for createdAt.</summary>
    public static NodeImage Apply(NodeImage input, DateTime now)
    {
        var nodeImage = ObjectCopy.Clone(input);
        var createdAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        foreach (var image in nodeImage.Spec.Images?.Values ?? [])
        {
            if (image.Tags is null)
                continue;
            foreach (var tag in image.Tags)
            {
                tag.CreatedAt ??= createdAt;
                var pull = tag.PullPolicy ??= new ImageTagPullPolicy();
                pull.TimeoutSeconds ??= ImagePullJobDefaults.DefaultTimeoutSeconds;
                pull.BackoffLimit ??= ImagePullJobDefaults.DefaultBackoffLimit;
            }
            image.Tags = [.. image.Tags.OrderBy(t => t.Tag, StringComparer.Ordinal)];
        }
        foreach (var status in nodeImage.Status?.ImageStatuses?.Values ?? [])
        {
            if (status.Tags is not null)
                status.Tags = [.. status.Tags.OrderBy(t => t.Tag, StringComparer.Ordinal)];
        }
        return nodeImage;
    }
}
