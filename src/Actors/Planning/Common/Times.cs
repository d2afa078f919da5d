namespace Kruise.Actors.Planning.Common;

/// <summary>Kubernetes timestamps (DateTime, UTC by contract) as the offsets planners compare with `now`.</summary>
public static class Times
{
    public static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
