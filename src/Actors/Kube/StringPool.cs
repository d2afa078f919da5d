using System.Diagnostics.CodeAnalysis;

namespace Kruise.Actors.Kube;

/// <summary>
/// A small, fixed-size pool that makes equal strings decoded from different objects one instance
/// (every pod of a CloneSet carries the same namespace, label keys, owner, image, condition
/// types...). Each string has one slot, chosen by its hash; a string that finds its equal there
/// is replaced by it, otherwise it takes the slot. So memory stays bounded (one reference per
/// slot), strings that repeat stay in, and strings that never repeat (uids, names) only pass
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

    public StringPool(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = new string?[slots];
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
        var slot = (int)((uint)string.GetHashCode(value, StringComparison.Ordinal) % (uint)_slots.Length);
        var pooled = Volatile.Read(ref _slots[slot]);
        if (pooled is not null && string.Equals(pooled, value, StringComparison.Ordinal))
            return pooled;
        Volatile.Write(ref _slots[slot], value);
        return value;
    }
}
