using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Kruise.Actors.Crds.Hosting;

/// <summary>The one way this project starts an HTTP server (API server, controller endpoints, webhooks).</summary>
public static class ServingBuilders
{
    // ASP.NET's defaults read appsettings.json with reload on change, which watches the working
    // directory and every folder below it: 7,678 inotify watches (and as many objects kept) for a
    // controller started in /tmp, a whole source tree for `up` started in the repository, per server.
    // Nothing here is configured through appsettings, so nothing is watched.
    private static readonly string[] NoConfigReload = ["--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>A slim web application builder with no logging providers and no file watching.</summary>
    public static WebApplicationBuilder Create()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = NoConfigReload });
        builder.Logging.ClearProviders();
        return builder;
    }
}
