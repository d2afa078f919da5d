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
});
return await app.RunAsync(args);
