namespace Kruise.Actors.LocalCluster.Simulation.Events;

/// <summary>
/// One thing that happened, as a recorder is told it: <paramref name="Times"/> is how many times
/// it happened since last told (a scheduler that failed a pod three times reports 3 at once).
/// <paramref name="Host"/> is the node of a kubelet's event (source.host, reportingInstance).
/// </summary>
internal sealed record EventNote(string Type, string Reason, string Message, DateTimeOffset At, string? Action = null, string? Host = null, int Times = 1)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
