using Kruise.Actors.Admission;
using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Hosting;

/// <summary>Everything `kruise-actors run` (and `up`) configures for one controller replica.</summary>
public sealed record ControllerOptions
{
    /// <summary>Kubeconfig file; null: in-cluster config, else $KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; init; }

    public required RuntimeOptions Runtime { get; init; }

    /// <summary>The entity kinds to run and the registry of what they persist.</summary>
    public ControllerCatalog Catalog { get; init; } = ControllerCatalog.CreateDefault();

    /// <summary>Port of /healthz, /readyz and /metrics; 0 picks a free one, null serves no HTTP.</summary>
    public int? HttpPort { get; init; } = 8080;

    /// <summary>Address the HTTP endpoint binds: all interfaces by default (probes come from the kubelet).</summary>
    public string HttpHost { get; init; } = "0.0.0.0";

    /// <summary>
    /// The CloneSet admission webhooks this replica serves and registers on start; null serves none
    /// (tests sharing one API server leave them off, or every CloneSet create would depend on this replica).
    /// </summary>
    public WebhookOptions? Webhook { get; init; }
}
