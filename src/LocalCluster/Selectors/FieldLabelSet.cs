using System.Collections;
using System.Collections.Frozen;

namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// The field labels one kind accepts in a field selector, plus what the API server says when a
/// label is not among them (the wording differs by kind upstream, and clients show it verbatim)
/// and legacy spellings it rewrites (pods' spec.host means spec.nodeName). Immutable, so the
/// shared per-kind sets cannot be changed by a caller.
/// </summary>
public sealed class FieldLabelSet : IReadOnlySet<string>
{
    private readonly FrozenSet<string> _labels;

    public FieldLabelSet(IEnumerable<string> labels, Func<string, string>? reject = null, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _labels = labels.ToFrozenSet(StringComparer.Ordinal);
        Reject = reject ?? NotSupported;
        Aliases = (aliases ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The 400 message for an unsupported label.</summary>
    public Func<string, string> Reject { get; }

    /// <summary>Accepted spellings rewritten to a canonical label before matching.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; }

    public int Count => _labels.Count;

    /// <summary>The message most of Kubernetes' per-kind conversion functions use.</summary>
    public static string NotSupported(string label) => "field label not supported: " + label;

    public bool Contains(string item) => _labels.Contains(item);

    public bool IsProperSubsetOf(IEnumerable<string> other) => _labels.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => _labels.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => _labels.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => _labels.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => _labels.Overlaps(other);

    public bool SetEquals(IEnumerable<string> other) => _labels.SetEquals(other);

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_labels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
