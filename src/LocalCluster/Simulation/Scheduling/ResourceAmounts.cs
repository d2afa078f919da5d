using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

public static class ResourceNames
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";
}

/// <summary>
/// Amounts of resources: cpu in millicores, memory and ephemeral-storage in bytes, and any other
/// (extended) resource in units. The pod count is not one of them: nodes give it apart.
/// </summary>
public sealed record ResourceAmounts(long MilliCpu, long Memory, long EphemeralStorage, ImmutableSortedDictionary<string, long> Scalars)
{
    public static ResourceAmounts Zero { get; } = new(0, 0, 0, ImmutableSortedDictionary<string, long>.Empty);

    public long Scalar(string name) => Scalars.GetValueOrDefault(name);

    public bool IsZero => MilliCpu == 0 && Memory == 0 && EphemeralStorage == 0 && (Scalars.Count == 0 || Scalars.Values.All(v => v == 0));

    /// <summary>A resource map (requests, limits, allocatable); "pods" is left out.</summary>
    public static ResourceAmounts From(JsonNode? map)
    {
        if (map is not JsonObject resources || resources.Count == 0)
            return Zero;
        long cpu = 0, memory = 0, storage = 0;
        var scalars = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in resources)
        {
            switch (name)
            {
                case ResourceNames.Cpu: cpu = Quantities.For(name, value); break;
                case ResourceNames.Memory: memory = Quantities.For(name, value); break;
                case ResourceNames.EphemeralStorage: storage = Quantities.For(name, value); break;
                case ResourceNames.Pods: break;
                default: scalars[name] = Quantities.For(name, value); break;
            }
        }
        return new ResourceAmounts(cpu, memory, storage, scalars.ToImmutable());
    }

    public ResourceAmounts Plus(ResourceAmounts other) => Combine(other, (a, b) => a + b);

    public ResourceAmounts Minus(ResourceAmounts other) => Combine(other, (a, b) => a - b);

    /// <summary>Per resource, the larger amount (init containers run one at a time).</summary>
    public ResourceAmounts Max(ResourceAmounts other) => Combine(other, Math.Max);

    private ResourceAmounts Combine(ResourceAmounts other, Func<long, long, long> op)
    {
        var scalars = Scalars;
        if (other.Scalars.Count > 0 || Scalars.Count > 0)
        {
            var builder = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            foreach (var name in Scalars.Keys.Union(other.Scalars.Keys))
                builder[name] = op(Scalar(name), other.Scalar(name));
            scalars = builder.ToImmutable();
        }
        return new ResourceAmounts(op(MilliCpu, other.MilliCpu), op(Memory, other.Memory), op(EphemeralStorage, other.EphemeralStorage), scalars);
    }

    public bool Equals(ResourceAmounts? other) =>
        other is not null && MilliCpu == other.MilliCpu && Memory == other.Memory && EphemeralStorage == other.EphemeralStorage
        && Scalars.Count == other.Scalars.Count && Scalars.All(p => other.Scalars.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(MilliCpu, Memory, EphemeralStorage, Scalars.Count);
}
