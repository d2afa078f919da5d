using System.ComponentModel;
using Kruise.Actors.Admission;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>`kruise-actors run`: one controller replica against a cluster (kubeconfig or in-cluster).</summary>
public sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--kubeconfig <PATH>")]
        [Description("Kubeconfig of the cluster to control. Default: in-cluster config, else $KUBECONFIG or ~/.kube/config.")]
        public string? Kubeconfig { get; init; }

        [CommandOption("--journal <TARGET>")]
        [Description("Event journal and snapshots: sqlite:PATH or postgres:CONNSTRING. Default: sqlite:.kruise/journal.db")]
        public string Journal { get; init; } = "sqlite:" + Path.Combine(".kruise", JournalTarget.DefaultFileName);

        [CommandOption("--cluster-host <HOST>")]
        [Description("Address other replicas reach this one at (pod IP or DNS name). Default: 127.0.0.1")]
        public string ClusterHost { get; init; } = "127.0.0.1";

        [CommandOption("--cluster-port <PORT>")]
        [Description("Akka cluster port (0 picks a free one). Default: 0, or 4053 when --seed is given")]
        public int? ClusterPort { get; init; }

        [CommandOption("--seed <HOST:PORT>")]
        [Description("A seed replica to join; repeat for several. None: this replica forms its own cluster.")]
        public string[] Seeds { get; init; } = [];

        [CommandOption("--http-port <PORT>")]
        [Description("Port of /healthz, /readyz and /metrics. Default: 8080")]
        public int HttpPort { get; init; } = 8080;

        [CommandOption("--webhook-port <PORT>")]
        [Description("HTTPS port of the CloneSet admission webhooks (0 picks a free one). Default: 9443")]
        public int WebhookPort { get; init; } = WebhookOptions.DefaultPort;

        [CommandOption("--webhook-host <HOST>")]
        [Description("Address the API server calls the webhooks at (https://HOST:PORT; the certificate names it). Default: 127.0.0.1")]
        public string WebhookHost { get; init; } = "127.0.0.1";

        [CommandOption("--webhook-service <NAMESPACE/NAME[:PORT]>")]
        [Description("In-cluster: the API server calls the webhooks through this Service (port 443 unless given) instead of --webhook-host.")]
        public string? WebhookService { get; init; }

        [CommandOption("--webhook-secret <NAMESPACE/NAME>")]
        [Description("Secret holding the webhook CA and serving certificate all replicas share (created by the first). Default: $POD_NAMESPACE/kruise-actors-webhook-certs, else kruise-system/kruise-actors-webhook-certs")]
        public string? WebhookSecret { get; init; }

        [CommandOption("--no-webhook")]
        [Description("Serve and register no admission webhooks (CloneSets are then neither validated nor defaulted at admission).")]
        public bool NoWebhook { get; init; }

        [CommandOption("--snapshot-every <N>")]
        [Description("Snapshot an entity every N persisted events. Default: 100")]
        public int SnapshotEvery { get; init; } = 100;

        [CommandOption("--api-qps <QPS>")]
        [Description("Client-side limit of API writes per second on this replica. Default: 100")]
        public double ApiQps { get; init; } = 100;

        [CommandOption("--api-burst <N>")]
        [Description("Writes allowed in a burst above --api-qps. Default: 200")]
        public int ApiBurst { get; init; } = 200;

        [CommandOption(RetainIpFlags.FormatOption + " <FORMAT>")]
        [Description("How pods of CloneSets annotated kruise-actors.io/retain-pod-ip request their IP from the CNI: calico "
            + "(cni.projectcalico.org/ipAddrs, a JSON list) or kube-ovn (ovn.kubernetes.io/ip_address, a plain address). Default: calico")]
        public string? RetainIpAnnotation { get; init; }

        [CommandOption(RetainIpFlags.HoldOption + " <N>")]
        [Description("How long IPs released by a scale-down are kept from new pods before they return to the network. Default: 300")]
        public string? RetainIpHoldSeconds { get; init; }

        [CommandOption("--no-dead-replica-probe")]
        [Description("Do not down a replica whose cluster port refuses connections (its process gone) at once; wait for the failure detector. "
            + "For networks whose policies reject with TCP resets instead of dropping.")]
        public bool NoDeadReplicaProbe { get; init; }

        [CommandOption("--log-level <LEVEL>")]
        [Description("DEBUG, INFO, WARNING or ERROR. Default: INFO")]
        public string LogLevel { get; init; } = "INFO";

        public override ValidationResult Validate()
        {
            try
            {
                JournalTarget.Parse(Journal);
                ClusterConfig.SeedAddresses("kruise-actors", Seeds);
                if (WebhookService is not null)
                    Admission.WebhookService.Parse(WebhookService);
                if (WebhookSecret is not null)
                    Admission.WebhookSecret.Parse(WebhookSecret);
            }
            catch (FormatException e)
            {
                return ValidationResult.Error(e.Message);
            }
            if (ClusterPort is < 0 or > 65535)
                return ValidationResult.Error("--cluster-port must be 0-65535");
            if (HttpPort is < 0 or > 65535)
                return ValidationResult.Error("--http-port must be 0-65535");
            if (WebhookPort is < 0 or > 65535)
                return ValidationResult.Error("--webhook-port must be 0-65535");
            if (Uri.CheckHostName(WebhookHost) == UriHostNameType.Unknown)
                return ValidationResult.Error($"--webhook-host must be an IP address or a DNS name, got '{WebhookHost}'");
            if (NoWebhook && (WebhookService is not null || WebhookSecret is not null))
                return ValidationResult.Error("--webhook-service and --webhook-secret configure the webhooks; they cannot go with --no-webhook");
            if (SnapshotEvery < 1)
                return ValidationResult.Error("--snapshot-every must be at least 1");
            if (ApiQps <= 0 || ApiBurst < 1)
                return ValidationResult.Error("--api-qps must be positive and --api-burst at least 1");
            if (RetainIpFlags.Problem(RetainIpAnnotation, RetainIpHoldSeconds) is { } retainIp)
                return ValidationResult.Error(retainIp);
            if (LogLevel.ToUpperInvariant() is not ("DEBUG" or "INFO" or "WARNING" or "ERROR"))
                return ValidationResult.Error("--log-level must be DEBUG, INFO, WARNING or ERROR");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        var options = new ControllerOptions
        {
            Kubeconfig = settings.Kubeconfig,
            HttpPort = settings.HttpPort,
            Catalog = RetainIpFlags.Catalog(settings.RetainIpAnnotation, settings.RetainIpHoldSeconds),
            Webhook = settings.NoWebhook ? null : new WebhookOptions
            {
                Port = settings.WebhookPort,
                Host = settings.WebhookHost,
                Service = settings.WebhookService is null ? null : WebhookService.Parse(settings.WebhookService),
                Secret = settings.WebhookSecret is null
                    ? WebhookSecret.ForNamespace(Environment.GetEnvironmentVariable("POD_NAMESPACE"))
                    : WebhookSecret.Parse(settings.WebhookSecret),
            },
            Runtime = new RuntimeOptions
            {
                Journal = JournalTarget.Parse(settings.Journal),
                ClusterHost = settings.ClusterHost,
                ClusterPort = settings.ClusterPort ?? (settings.Seeds.Length > 0 ? 4053 : 0),
                Seeds = settings.Seeds,
                SnapshotEvery = settings.SnapshotEvery,
                Gateway = new GatewayOptions { Qps = settings.ApiQps, Burst = settings.ApiBurst },
                DeadReplicaCheck = settings.NoDeadReplicaProbe ? null : new DeadReplicaCheckOptions(),
                LogLevel = settings.LogLevel.ToUpperInvariant(),
            },
        };

        ControllerHost host;
        try
        {
            host = await ControllerHost.Start(options, stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bad kubeconfig, an unusable journal file, a port in use: say which, do not crash.
            await Console.Error.WriteLineAsync($"kruise-actors run: {e.Message}");
            return 1;
        }

        await using (host)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]controller running[/]: journal {options.Runtime.Journal}, kinds [[{string.Join(", ", host.Runtime.Kinds)}]]");
            if (host.HttpUrl is { } url)
            {
                Console.WriteLine($"  {url}healthz");
                Console.WriteLine($"  {url}readyz");
                Console.WriteLine($"  {url}metrics");
            }
            if (host.Webhooks is { } webhooks)
                Console.WriteLine($"  admission webhooks on port {webhooks.Port}: {WebhookTarget(webhooks)}");
            // The actor system ends by itself when the split-brain resolver downs this replica
            // (run-coordinated-shutdown-when-down): exit non-zero so the process is restarted and
            // joins again, instead of lingering without a cluster.
            var downed = host.Runtime.System.WhenTerminated;
            await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token), downed);
            if (!stop.IsCancellationRequested && downed.IsCompleted)
            {
                await Console.Error.WriteLineAsync("kruise-actors run: this replica was removed from the cluster (downed); exiting to be restarted");
                return 2;
            }
            AnsiConsole.MarkupLine("stopping: leaving the cluster");
        }
        return 0;
    }

    private static string WebhookTarget(AdmissionServer webhooks) => webhooks.Endpoint.Service is { } service
        ? $"called through service {service.Namespace}/{service.Name}:{service.Port}"
        : $"called at {webhooks.Endpoint.BaseUrl}";
}
