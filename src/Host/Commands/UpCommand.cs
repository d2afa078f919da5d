using System.ComponentModel;
using System.Runtime.InteropServices;
using Kruise.Actors.Admission;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.Host.Up;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Faults;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>
/// `kruise-actors up`: the embedded cluster with simulated nodes and the controller in one
/// process, kept in a data folder (cluster state and the controller's journal) so the next `up`
/// with the same folder resumes both. The kubeconfig appears only once the cluster is ready to use.
/// </summary>
public sealed class UpCommand : AsyncCommand<UpCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-d|--data <DIR>")]
        [Description("Folder holding the cluster's state, CA, token and kubeconfig. Default: ./.kruise")]
        public string Data { get; init; } = ".kruise";

        // Numbers are read as text so a bad value is reported with its flag's name.
        [CommandOption("-p|--port <PORT>")]
        [Description("HTTPS port of the API server on 127.0.0.1 (0 picks a free one). Default: 6443")]
        public string PortText { get; init; } = "6443";

        [CommandOption("--nodes <N>")]
        [Description("Simulated nodes kruise-node-1..N (created when missing; existing ones are kept). Default: 3")]
        public string NodesText { get; init; } = "3";

        [CommandOption("--zones <N>")]
        [Description("Zones (zone-a, zone-b, ...) the nodes are spread over. Default: 3")]
        public string ZonesText { get; init; } = "3";

        [CommandOption("--no-controller")]
        [Description("Run only the cluster, without the controller (then `kruise-actors run --kubeconfig DIR/kubeconfig` can run it separately).")]
        public bool NoController { get; init; }

        [CommandOption("--http-port <PORT>")]
        [Description("Serve the controller's /healthz, /readyz and /metrics on 127.0.0.1 at this port (0 picks a free one). Default: not served")]
        public string? HttpPortText { get; init; }

        [CommandOption("--webhook-port <PORT>")]
        [Description("HTTPS port on 127.0.0.1 of the controller's CloneSet admission webhooks (0 picks a free one). Default: 0")]
        public string WebhookPortText { get; init; } = "0";

        [CommandOption("--kube-version <VERSION>")]
        [Description("The Kubernetes version the cluster reports, 1.27 to 1.33 (kubectl here picks its client by it). Default: 1.32")]
        public string KubeVersion { get; init; } = "1.32";

        [CommandOption(RetainIpFlags.HoldOption + " <N>")]
        [Description("How long IPs released by a scale-down of a CloneSet annotated kruise-actors.io/retain-pod-ip are kept from new pods. Default: 300")]
        public string? RetainIpHoldSeconds { get; init; }

        [CommandOption("--faults <FAULTS>")]
        [Description("Inject API faults into clients' requests (the controller, kubectl), for testing: comma-separated "
            + "write-errors=0.1 (fraction of writes refused), error-codes=409/429/500, latency=20ms (up to), drop-watch=10s (cut each watch after 5-10s), "
            + "compact-every=30s (older resourceVersions get 410), retry-after=1s (of a 429), seed=N. Default: none")]
        public string? FaultsText { get; init; }

        public FaultOptions Faults => FaultsText is null ? FaultOptions.None : FaultSpec.Parse(FaultsText).Options ?? FaultOptions.None;

        public int Port => Whole(PortText) ?? -1;
        public int Nodes => Whole(NodesText) ?? -1;
        public int Zones => Whole(ZonesText) ?? -1;
        public int? HttpPort => HttpPortText is null ? null : Whole(HttpPortText) ?? -1;
        public int WebhookPort => Whole(WebhookPortText) ?? -1;

        public SimulationOptions Simulation => SimulationOptions.Realistic with { NodeCount = Nodes, ZoneCount = Zones };

        public override ValidationResult Validate()
        {
            if (MissingValueCheck.Problem(this) is { } missing)
                return ValidationResult.Error(missing);
            if (Port is < 0 or > 65535)
                return ValidationResult.Error($"--port must be 0 to 65535, got '{PortText}'");
            if (Nodes is < 1 or > SimulationOptions.MaxNodes)
                return ValidationResult.Error($"--nodes must be 1 to {SimulationOptions.MaxNodes}, got '{NodesText}'");
            if (HttpPort is < 0 or > 65535)
                return ValidationResult.Error($"--http-port must be 0 to 65535, got '{HttpPortText}'");
            if (WebhookPort is < 0 or > 65535)
                return ValidationResult.Error($"--webhook-port must be 0 to 65535, got '{WebhookPortText}'");
            if (NoController && HttpPortText is not null)
                return ValidationResult.Error("--http-port serves the controller's endpoints; it cannot go with --no-controller");
            if (Zones is < 1 or > 26)
                return ValidationResult.Error($"--zones must be 1 to 26, got '{ZonesText}'");
            if (RetainIpFlags.Problem(null, RetainIpHoldSeconds) is { } retainIp)
                return ValidationResult.Error(retainIp);
            if (FaultsText is not null && FaultSpec.Parse(FaultsText).Problem is { } faults)
                return ValidationResult.Error(faults);
            if (Up.KubeVersion.Minor(KubeVersion) is null)
                return ValidationResult.Error(Up.KubeVersion.Problem(KubeVersion));
            return string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data must name a folder") : ValidationResult.Success();
        }

        private static int? Whole(string text) =>
            int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        var folder = Path.GetFullPath(settings.Data);
        LocalApiServer server;
        try
        {
            server = await LocalApiServer.Start(new LocalApiServerOptions
            {
                DataFolder = folder,
                Port = settings.Port,
                MinorVersion = Up.KubeVersion.Minor(settings.KubeVersion)!,
                Simulation = settings.Simulation,
                WriteKubeconfigOnStart = false,
                Faults = settings.Faults,
            }, cancellationToken: stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (StartFailure(e, settings, folder) is { } line)
        {
            await Console.Error.WriteLineAsync($"kruise-actors up: {line}");
            return 1;
        }

        await using (server)
        {
            try
            {
                // Listening now, so no other `up` owns this folder's port: an old kubeconfig goes
                // until this cluster is ready, so its presence always means "ready to use".
                File.Delete(server.KubeconfigPath);
                var crds = await CrdInstaller.InstallAll(server.Service, stop.Token);
                await server.Simulation!.WaitForNodesReady(stop.Token);
                await server.WriteKubeconfig(stop.Token);
                Console.WriteLine($"embedded cluster up at {server.Url}: {settings.Nodes} nodes over {settings.Zones} zones, {crds} CRDs, Kubernetes v1.{Up.KubeVersion.Minor(settings.KubeVersion)}");
                if (settings.FaultsText is not null)
                    Console.WriteLine($"  injecting API faults into clients' requests: {settings.FaultsText}");
                ControllerHost? controller = null;
                if (!settings.NoController)
                {
                    try
                    {
                        controller = await StartController(server, settings, folder, stop.Token);
                    }
                    catch (IOException e) when (e.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
                    {
                        File.Delete(server.KubeconfigPath);
                        await Console.Error.WriteLineAsync($"kruise-actors up: cannot serve the admission webhooks: {e.Message.TrimEnd('.')} (--webhook-port 0 picks a free one)");
                        return 1;
                    }
                    catch (InvalidOperationException e)
                    {
                        File.Delete(server.KubeconfigPath);
                        await Console.Error.WriteLineAsync($"kruise-actors up: cannot start the controller: {e.Message}");
                        return 1;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
                    {
                        File.Delete(server.KubeconfigPath);
                        await Console.Error.WriteLineAsync($"kruise-actors up: cannot start the controller with journal {JournalTarget.InFolder(folder)}: {e.Message}");
                        return 1;
                    }
                }
                await using (controller)
                {
                    Console.WriteLine($"  export KUBECONFIG={server.KubeconfigPath}");
                    Console.WriteLine("  kubectl get nodes");
                    Console.WriteLine($"Ctrl+C stops it; `kruise-actors up --data {settings.Data}` again resumes it.");
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            Console.WriteLine("stopping");
        }
        return 0;
    }

    /// <summary>The controller, in this process, against the embedded cluster; its journal lives in the data folder.</summary>
    private static async Task<ControllerHost> StartController(LocalApiServer server, Settings settings, string folder, CancellationToken cancellationToken)
    {
        var options = new ControllerOptions
        {
            Kubeconfig = server.KubeconfigPath,
            // The embedded CNI reads Calico's requested-IP annotation (the default format).
            Catalog = RetainIpFlags.Catalog(null, settings.RetainIpHoldSeconds),
            HttpHost = "127.0.0.1",
            HttpPort = settings.HttpPort,
            // The embedded API server calls the webhooks as a real one would: by URL, verifying the certificate.
            Webhook = new WebhookOptions { Host = "127.0.0.1", Port = settings.WebhookPort },
            // Akka's own log shares the console with `up`: only what needs attention.
            Runtime = new RuntimeOptions { Journal = JournalTarget.InFolder(folder), LogLevel = "WARNING" },
        };
        var host = await ControllerHost.Start(options, cancellationToken);
        Console.WriteLine($"controller running: journal {options.Runtime.Journal}, kinds [{string.Join(", ", host.Runtime.Kinds)}]");
        if (host.HttpUrl is { } url)
            Console.WriteLine($"  {url}metrics");
        if (host.Webhooks is { } webhooks)
            Console.WriteLine($"  admission webhooks at {webhooks.Endpoint.BaseUrl}");
        return host;
    }

    /// <summary>The one line that says why the cluster could not start, or null for an unexpected failure (which propagates).</summary>
    private static string? StartFailure(Exception e, Settings settings, string folder) => e switch
    {
        IOException when e.Message.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"{e.Message.TrimEnd('.')} (another cluster on port {settings.Port}? --port 0 picks a free one)",
        InvalidDataException => $"cannot resume the cluster in {folder}: {e.Message}",
        UnauthorizedAccessException or IOException => $"cannot use the data folder {folder}: {e.Message}",
        _ => null,
    };
}
