using Kruise.Actors.LocalCluster.Tests.Integration;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Faults;

/// <summary>`kruise-actors up --faults ...` as a user runs it.</summary>
public sealed class UpFaultsFlagTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-faults-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => DeleteFolder(_folder);

    [Fact]
    public async Task Up_with_every_write_failing_still_gets_ready_and_kubectl_writes_get_the_injected_error()
    {
        await using var up = HostProcess.Start("up", "--port", "0", "--data", _folder, "--nodes", "1", "--zones", "1", "--no-controller",
            "--faults", "write-errors=1,error-codes=500,latency=5ms");
        await up.WaitForOutput(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal));
        var kubeconfig = Path.Combine(_folder, "kubeconfig");

        Assert.Contains("injecting API faults into clients' requests: write-errors=1,error-codes=500,latency=5ms", up.Stdout, StringComparison.Ordinal);
        // CRDs and the simulated node write in process, so the cluster is whole; reads by clients are served.
        Assert.Equal("Ready", (await Kubectl.Run(kubeconfig, "get nodes")).Ok().Table().Row("kruise-node-1")["STATUS"]);
        (await Kubectl.Run(kubeconfig, "get crd clonesets.apps.kruise.io")).Ok();
        var refused = (await Kubectl.Run(kubeconfig, "create namespace refused")).Fails();
        Assert.Contains("Error from server (InternalError): Internal error occurred: injected fault", refused.Stderr, StringComparison.Ordinal);
        await up.Terminate();
        await up.WaitForExit();
        Assert.True(up.ExitCode == 0, up.Stderr);
    }

    [Theory]
    [InlineData("write-errors=2", "kruise-actors: --faults: write-errors must be a fraction 0 to 1 or a percentage like 10%, got '2'")]
    [InlineData("drop-watch=soon", "kruise-actors: --faults: drop-watch must be a duration like 500ms, 10s or 1m, got 'soon'")]
    [InlineData("chaos", "kruise-actors: --faults: 'chaos' is not key=value (" + Kruise.Actors.LocalCluster.Faults.FaultSpec.Syntax + ")")]
    public async Task Bad_faults_are_refused_in_one_line_before_anything_starts(string faults, string expected)
    {
        await using var up = await HostProcess.Run("up", "--data", _folder, "--faults", faults);

        Assert.NotEqual(0, up.ExitCode);
        Assert.Equal(expected, Assert.Single(up.StderrLines));
        Assert.False(Directory.Exists(_folder));
    }
}
