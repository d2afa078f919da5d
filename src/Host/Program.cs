using Kruise.Actors.Host.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("kruise-actors");
    config.AddCommand<CrdsCommand>("crds")
        .WithDescription("Print the CustomResourceDefinitions of every served kind, or write them to a folder.")
        .WithExample("crds")
        .WithExample("crds", "--output-dir", "deploy/crds");
    config.AddCommand<UpCommand>("up")
        .WithDescription("Start the embedded Kubernetes cluster and the controller against it.");
    config.AddCommand<RunCommand>("run")
        .WithDescription("Run the controller against a cluster (kubeconfig or in-cluster).")
        .WithExample("run", "--kubeconfig", ".kruise-actors/kubeconfig")
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
return await app.RunAsync(args);
