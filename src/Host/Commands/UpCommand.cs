using System.ComponentModel;
using Kruise.Actors.LocalCluster;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>
/// `kruise-actors up`: the embedded cluster (and, as it lands, the controller) in one process,
/// kept in a data folder so the next `up` with the same folder resumes the same cluster.
/// </summary>
public sealed class UpCommand : AsyncCommand<UpCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-d|--data <DIR>")]
        [Description("Folder holding the cluster's state, CA, token and kubeconfig. Default: ./.kruise-actors")]
        public string Data { get; init; } = ".kruise-actors";

        [CommandOption("-p|--port <PORT>")]
        [Description("HTTPS port of the API server on 127.0.0.1 (0 picks a free one). Default: 6443")]
        public int Port { get; init; } = 6443;

        [CommandOption("--kube-version <MINOR>")]
        [Description("The Kubernetes minor version the server reports (kubectl here picks its client by it). Default: 32")]
        public string MinorVersion { get; init; } = "32";
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

        LocalApiServer server;
        try
        {
            server = await LocalApiServer.Start(new LocalApiServerOptions
            {
                DataFolder = settings.Data,
                Port = settings.Port,
                MinorVersion = settings.MinorVersion,
            }, cancellationToken: stop.Token);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"kruise-actors up: cannot start the API server on port {settings.Port}: {e.Message} (try --port 0)");
            return 1;
        }

        await using (server)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]embedded cluster up[/] at {server.Url}");
            AnsiConsole.MarkupLineInterpolated($"  export KUBECONFIG={server.KubeconfigPath}");
            AnsiConsole.MarkupLine("  kubectl get namespaces");
            AnsiConsole.MarkupLine("Ctrl+C stops it; the next `up` with the same --data resumes it.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            AnsiConsole.MarkupLine("stopping");
        }
        return 0;
    }
}
