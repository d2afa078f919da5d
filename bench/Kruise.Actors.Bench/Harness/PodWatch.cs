using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.Bench.Harness;

/// <summary>Reading pods from the store's watch in process, as the benchmarks' trackers do.</summary>
public static class PodWatch
{
    /// <summary>Hands every added or modified pod to <paramref name="observe"/> until the subscription ends or the token is cancelled.</summary>
    public static async Task Follow(WatchHub.Subscription subscription, Action<string, JsonObject> observe, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in subscription.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (change.Type != WatchEventType.Deleted)
                    observe(change.Object.Name, change.Object.Object);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public static bool IsRunningAndReady(JsonObject pod) =>
        Text(pod["status"]?["phase"]) == "Running"
        && pod["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => Text(c?["type"]) == "Ready" && Text(c?["status"]) == "True");

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
