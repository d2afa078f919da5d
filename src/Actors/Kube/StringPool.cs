using System.Diagnostics.CodeAnalysis;

namespace Kruise.Actors.Kube;

/// <summary>
/// A small, fixed-size pool that makes equal strings decoded from different objects one instance
/// (every pod of a CloneSet carries the same namespace, label keys, owner, image, condition
/// types...). A string's hash picks a bucket of two slots, the more recently used first: a string
/// that finds its equal there is replaced by it, otherwise it takes the first slot and the less
/// recently used one is dropped. So memory stays bounded (one reference per slot), two repeating
/// strings that share a bucket both stay in, and strings that never repeat (uids, names) only pass
/// through. Lock-free: a slot is one reference, read and written whole; a lost race costs a
/// duplicate, never a wrong string.
/// </summary>
public sealed class StringPool
{
    /// <summary>The pool pods are trimmed with.</summary>
    public static readonly StringPool Shared = new(8192);

    // Longer strings are rarely shared values (messages, JSON annotations): hashing them costs more than they save.
    private const int MaxLength = 256;

    private readonly string?[] _slots;
    private readonly uint _buckets;

    /// <param name="slots">How many strings it holds at most (rounded up to an even number).</param>
    public StringPool(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _buckets = (uint)(slots + 1) / 2;
        _slots = new string?[_buckets * 2];
    }

    /// <summary>The pooled instance equal to <paramref name="value"/>, or <paramref name="value"/> itself.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public string? Get(string? value)
    {
        if (value is null)
            return null;
        if (value.Length == 0)
            return "";
        if (value.Length > MaxLength)
            return value;
        var first = (int)((uint)string.GetHashCode(value, StringComparison.Ordinal) % _buckets * 2);
        var recent = Volatile.Read(ref _slots[first]);
        if (recent is not null && string.Equals(recent, value, StringComparison.Ordinal))
            return recent;
        var older = Volatile.Read(ref _slots[first + 1]);
        if (older is not null && string.Equals(older, value, StringComparison.Ordinal))
        {
            Volatile.Write(ref _slots[first], older);
            Volatile.Write(ref _slots[first + 1], recent);
            return older;
        }
        Volatile.Write(ref _slots[first + 1], recent);
        Volatile.Write(ref _slots[first], value);
        return value;
    }
}
