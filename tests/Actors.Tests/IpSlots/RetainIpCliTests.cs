using Kruise.Actors.Tests.Cli;

namespace Kruise.Actors.Tests.IpSlots;

/// <summary>The cluster-wide retain-pod-ip flags of `run` and `up`, as a user mistypes them.</summary>
public sealed class RetainIpCliTests
{
    [Fact]
    public async Task Bad_retain_ip_flags_are_clear_errors()
    {
        var format = await KruiseActorsCli.Run("run", "--retain-ip-annotation", "cilium");
        var hold = await KruiseActorsCli.Run("run", "--retain-ip-hold-seconds", "5m");
        var upHold = await KruiseActorsCli.Run("up", "--retain-ip-hold-seconds", "-1");

        Assert.NotEqual(0, format.ExitCode);
        Assert.Contains("--retain-ip-annotation: unknown requested-IP annotation format 'cilium': expected one of calico, kube-ovn", format.Stdout + format.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, hold.ExitCode);
        Assert.Contains("--retain-ip-hold-seconds must be a whole number of seconds (0 or more), got '5m'", hold.Stdout + hold.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, upHold.ExitCode);
        Assert.Contains("--retain-ip-hold-seconds must be a whole number of seconds (0 or more), got '-1'", upHold.Stdout + upHold.Stderr, StringComparison.Ordinal);
    }
}
