namespace Kruise.Actors.Planning.InPlace;

/// <summary>What changes on the pod to reach <see cref="Revision"/> without recreating it.</summary>
/// <param name="Revision">Target revision name (the pod's controller-revision-hash label value).</param>
/// <param name="ContainerImages">Container name to its new image.</param>
/// <param name="Labels">Label to its new value; null removes it.</param>
/// <param name="Annotations">Annotation to its new value; null removes it.</param>
/// <param name="RestartContainers">Containers whose env reads (downward API) a label or annotation that changes.</param>
public sealed record InPlaceUpdateSpec(
    string Revision,
    IReadOnlyDictionary<string, string> ContainerImages,
    IReadOnlyDictionary<string, string?> Labels,
    IReadOnlyDictionary<string, string?> Annotations,
    IReadOnlyList<string> RestartContainers)
{
    /// <summary>
    /// Value equality over the contents (records compare collections by reference), so a repeated
    /// request that crossed the wire compares equal to the one already accepted.
    /// </summary>
    public bool Equals(InPlaceUpdateSpec? other) =>
        other is not null
        && Revision == other.Revision
        && SameMap(ContainerImages, other.ContainerImages)
        && SameMap(Labels, other.Labels)
        && SameMap(Annotations, other.Annotations)
        && RestartContainers.SequenceEqual(other.RestartContainers);

    public override int GetHashCode() => HashCode.Combine(Revision, ContainerImages.Count, Labels.Count, Annotations.Count, RestartContainers.Count);

    private static bool SameMap<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && EqualityComparer<T>.Default.Equals(p.Value, v));
}
