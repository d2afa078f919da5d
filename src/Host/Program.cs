using Kruise.Actors.Crds.Common;
using Kruise.Actors.Host.Commands;
using Kruise.Actors.Host.Runtime;
using Spectre.Console.Cli;

KubernetesJsonMetadata.UseReflection();
GlibcHeap.Tune();
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("kruise-actors");
    // Bad input is reported below in one line, not as Spectre's framed help.
    config.PropagateExceptions();
    config.UseStrictParsing();
    config.SetInterceptor(new MissingValueCheck());
    config.AddCommand<CrdsCommand>("crds")
        .WithDescription("Print the CustomResourceDefinitions of every served kind, or write them to a folder.")
        .WithExample("crds")
        .WithExample("crds", "--output-dir", "deploy/crds");
    config.AddCommand<UpCommand>("up")
        .WithDescription("Start the embedded Kubernetes cluster with simulated nodes and the controller.")
        .WithExample("up")
        .WithExample("up", "--data", "/tmp/demo", "--port", "0", "--nodes", "5");
    config.AddBranch("local", local =>
    {
        local.SetDescription("Act on the embedded cluster started by `up`.");
        local.AddBranch("node", node =>
        {
            node.SetDescription("Stop or start a simulated node's kubelet.");
            node.AddCommand<NodeStopCommand>("stop")
                .WithDescription("Stop a node: it stops renewing its lease, turns NotReady, and its pods are evicted after their tolerations.")
                .WithExample("local", "node", "stop", "kruise-node-2");
            node.AddCommand<NodeStartCommand>("start")
                .WithDescription("Start a stopped node again: it turns Ready and its unreachable taints go.")
                .WithExample("local", "node", "start", "kruise-node-2");
        });
    });
    config.AddCommand<RunCommand>("run")
        .WithDescription("Run the controller against a cluster (kubeconfig or in-cluster).")
        .WithExample("run", "--kubeconfig", ".kruise/kubeconfig")
        .WithExample("run", "--journal", "postgres:Host=db;Username=kruise;Password=secret;Database=kruise", "--seed", "ctl-0.ctl:4053");
    config.AddBranch("events", events =>
    {
        events.SetDescription("Inspect the controller's event log (works while it runs).");
        events.AddCommand<EventsListCommand>("list")
            .WithDescription("Entities in the journal with their event counts and last event time.");
        events.AddCommand<EventsShowCommand>("show")
            .WithDescription("One entity's persisted events in order, with time and a readable summary.")
            .WithExample("events", "show", "cloneset/default/web")
            .WithExample("events", "show", "cloneset/default/web", "--follow", "--output", "json");
    });
});
try
{
    return await app.RunAsync(args);
}
catch (Exception e) when (e is CommandAppException or BadInputException)
{
    await Console.Error.WriteLineAsync($"kruise-actors: {OneLine(e.Message)}");
    return 2;
}

static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
