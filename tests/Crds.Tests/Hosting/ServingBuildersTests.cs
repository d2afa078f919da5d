using Kruise.Actors.Crds.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kruise.Actors.Crds.Tests.Hosting;

public sealed class ServingBuildersTests
{
    [Fact]
    public async Task A_server_watches_no_configuration_file_under_its_working_directory()
    {
        // A reloading appsettings.json source is what puts an inotify watch on every folder below
        // the working directory; the plain slim builder has two of them.
        var builder = ServingBuilders.Create();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        await using var app = builder.Build();

        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, provider => Assert.False(provider.Source.ReloadOnChange, $"{provider.Source.Path} reloads on change"));
    }
}
