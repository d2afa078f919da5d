using System.ComponentModel;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.LocalCluster.Simulation;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>
/// `kruise-actors local node stop|start NAME`: sets or removes the stop annotation on a simulated
/// Node through the API, with the kubeconfig `up` wrote into the data folder. The simulation does
/// the rest: a stopped node's kubelet stops renewing its lease, so the node lifecycle controller
/// takes it NotReady and evicts its pods.
/// </summary>
public abstract class NodeStateCommand : AsyncCommand<NodeStateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The node, e.g. kruise-node-2 (`kubectl get nodes` lists them).")]
        public string Name { get; init; } = "";

        [CommandOption("-d|--data <DIR>")]
        [Description("The data folder of the running `up`. Default: ./.kruise")]
        public string Data { get; init; } = ".kruise";
    }

    protected abstract bool Stop { get; }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var verb = Stop ? "stop" : "start";
        var kubeconfig = Path.Combine(Path.GetFullPath(settings.Data), "kubeconfig");
        if (!File.Exists(kubeconfig))
            return await Fail(verb, $"no kubeconfig at {kubeconfig}: is `kruise-actors up --data {settings.Data}` running?");
        try
        {
            using var client = new Kubernetes(KubeConfigs.FromFile(kubeconfig));
            var annotations = new Dictionary<string, string?> { [SimulationConventions.NodeStoppedAnnotation] = Stop ? "true" : null };
            var patch = JsonSerializer.Serialize(new { metadata = new { annotations } });
            await client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), settings.Name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return await Fail(verb, $"node \"{settings.Name}\" not found (`kubectl get nodes` lists them)");
        }
        catch (HttpOperationException e)
        {
            return await Fail(verb, $"the API server refused: {StatusMessage(e)}");
        }
        catch (HttpRequestException e)
        {
            return await Fail(verb, $"cannot reach the cluster in {kubeconfig} ({e.Message.TrimEnd('.')}): is `kruise-actors up --data {settings.Data}` running?");
        }
        catch (KubeConfigException e)
        {
            return await Fail(verb, $"{kubeconfig} is not a usable kubeconfig: {e.Message}");
        }
        Console.WriteLine(Stop
            ? $"node/{settings.Name} stopped: its lease is no longer renewed, so it turns NotReady after the grace period and its pods are evicted after their tolerations"
            : $"node/{settings.Name} started: it renews its lease and turns Ready again");
        return 0;
    }

    private static async Task<int> Fail(string verb, string line)
    {
        await Console.Error.WriteLineAsync($"kruise-actors local node {verb}: {line}");
        return 1;
    }

    private static string StatusMessage(HttpOperationException e)
    {
        try
        {
            using var status = JsonDocument.Parse(e.Response.Content);
            if (status.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                return message.GetString()!;
        }
        catch (JsonException)
        {
        }
        return $"{(int)e.Response.StatusCode} {e.Response.ReasonPhrase}";
    }
}

public sealed class NodeStopCommand : NodeStateCommand
{
    protected override bool Stop => true;
}

public sealed class NodeStartCommand : NodeStateCommand
{
    protected override bool Stop => false;
}
