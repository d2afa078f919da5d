using System.Diagnostics;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>A running embedded API server in a throwaway folder, and real kubectl pointed at it.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-test-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder });

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs /usr/bin/kubectl against the cluster; returns exit code, stdout and stderr.</summary>
    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);
}

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult Ok()
    {
        Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}): {Stderr}\n{Stdout}");
        return this;
    }
}

public static class Kubectl
{
    public static async Task<KubectlResult> Run(string kubeconfig, string arguments, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl", $"--kubeconfig {kubeconfig} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}
