using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Network;

/// <summary>
/// Reads Calico's requested-IP annotation (<see cref="SimulationConventions.RequestedIpAnnotation"/>):
/// a JSON list holding one IPv4 address, e.g. ["10.244.2.7"]. Either an address or the reason the
/// value cannot be used, worded for the pod's events.
/// </summary>
public static class RequestedIp
{
    public static (uint? Address, string? Error) Parse(string value)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return (null, Invalid(value, "it is not JSON"));
        }
        if (parsed is not JsonArray list)
            return (null, Invalid(value, "it is not a JSON list"));
        if (list.Count != 1)
            return (null, Invalid(value, list.Count == 0 ? "the list is empty" : "only one IPv4 address is supported"));
        var text = JsonRead.AsString(list[0]);
        if (text is null)
            return (null, Invalid(value, "the list holds something other than a string"));
        if (!Ipv4Block.TryParseAddress(text, out var address))
            return (null, Invalid(value, $"\"{text}\" is not an IPv4 address"));
        return (address, null);
    }

    private static string Invalid(string value, string why) =>
        $"invalid {SimulationConventions.RequestedIpAnnotation} annotation '{value}': {why}; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]";
}
