using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kruise.Actors.LocalCluster.Simulation.Network;

/// <summary>
/// IPv4 addresses as numbers and CIDR blocks. Parsing is strict dotted-quad: the forms
/// IPAddress.Parse also accepts ("10.1", "0x0a.0.0.1") are not addresses a user means.
/// </summary>
public readonly record struct Ipv4Block(uint Network, int PrefixLength)
{
    public uint Size => PrefixLength == 0 ? uint.MaxValue : 1u << (32 - PrefixLength);

    public uint Broadcast => Network + (Size - 1);

    /// <summary>The first address the bridge gives pods: network + 1 is the node's gateway.</summary>
    public uint Gateway => Network + 1;

    public bool Contains(uint address) => address >= Network && address <= Broadcast;

    /// <summary>Network, gateway and broadcast: never handed to a pod.</summary>
    public bool IsReserved(uint address) => address == Network || address == Gateway || address == Broadcast;

    public override string ToString() => $"{FormatAddress(Network)}/{PrefixLength}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Ipv4Block? block)
    {
        block = null;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0)
            return false;
        if (!TryParseAddress(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 1 or > 30)
            return false;
        var mask = uint.MaxValue << (32 - prefix);
        // 10.244.1.5/24 names the host, not the block: take the block it lies in, as Go's ParseCIDR does.
        block = new Ipv4Block(address & mask, prefix);
        return true;
    }

    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        var parts = text?.Split('.');
        if (parts is not { Length: 4 })
            return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
                return false;
            address = (address << 8) | octet;
        }
        return true;
    }

    public static string FormatAddress(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
}
