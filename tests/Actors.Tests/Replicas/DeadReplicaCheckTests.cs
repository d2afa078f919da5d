using System.Net;
using System.Net.Sockets;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// When a replica whose connection broke is taken for dead without waiting for the failure
/// detector: only when its cluster port keeps refusing connections (its process is gone). A port
/// that accepts, or does not answer, never downs it: a slow replica under load must survive.
/// </summary>
public sealed class DeadReplicaCheckTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);
    private static readonly DeadReplicaCheckOptions Options = new();

    // Attempts as "R@0,R@200,A@400": R refused, A accepted, N no answer, @ milliseconds after the start.
    public static TheoryData<string, string, int, ReplicaVerdict> Cases => new()
    {
        { "nothing tried yet", "", 0, ReplicaVerdict.ProbeAgain },
        { "one refusal is not enough", "R@0", 0, ReplicaVerdict.ProbeAgain },
        { "two refusals are not enough", "R@0,R@200", 200, ReplicaVerdict.ProbeAgain },
        { "three refusals over 400 ms: gone", "R@0,R@200,R@400", 400, ReplicaVerdict.Dead },
        { "three refusals in an instant prove nothing yet", "R@0,R@10,R@20", 20, ReplicaVerdict.ProbeAgain },
        { "refusals after an instant burst, once they span enough", "R@0,R@10,R@20,R@450", 450, ReplicaVerdict.Dead },
        { "accepted after refusals: it listens again", "R@0,R@200,A@400", 400, ReplicaVerdict.Alive },
        { "accepted at once: alive", "A@0", 0, ReplicaVerdict.Alive },
        { "no answer proves nothing", "N@0,N@1200,N@2400", 2400, ReplicaVerdict.ProbeAgain },
        { "refusals broken by a silence start over", "R@0,R@200,N@1400,R@1600,R@1800", 1800, ReplicaVerdict.ProbeAgain },
        { "refusals after a silence count on their own", "N@0,R@1200,R@1400,R@1600", 1600, ReplicaVerdict.Dead },
        { "silent for the whole allowance: left to the failure detector", "N@0,N@5000,N@9000", 10_000, ReplicaVerdict.Undecided },
        { "refusing at the deadline still counts", "N@0,N@8000,R@9200,R@9400,R@9600", 10_000, ReplicaVerdict.Dead },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_replica_is_taken_for_dead_only_when_its_port_keeps_refusing(string why, string attempts, int nowMs, ReplicaVerdict expected)
    {
        var verdict = DeadReplicaCheck.Judge(Parse(attempts), Start, Start.AddMilliseconds(nowMs), Options);

        Assert.True(expected == verdict, $"{why}: {verdict}, expected {expected}");
    }

    [Fact]
    public void Fewer_refusals_needed_decide_sooner()
    {
        var options = Options with { RefusalsNeeded = 1, RefusalsSpan = TimeSpan.Zero };

        Assert.Equal(ReplicaVerdict.Dead, DeadReplicaCheck.Judge(Parse("R@0"), Start, Start, options));
    }

    [Fact]
    public async Task A_port_nobody_listens_on_refuses_and_a_listening_one_accepts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var listening = ((IPEndPoint)listener.LocalEndpoint).Port;
        int closed;
        using (var gone = new TcpListener(IPAddress.Loopback, 0))
        {
            gone.Start();
            closed = ((IPEndPoint)gone.LocalEndpoint).Port;
        }

        Assert.Equal(PortProbe.Accepted, await DeadReplicaProbe.Connect("127.0.0.1", listening, TimeSpan.FromSeconds(30)));
        Assert.Equal(PortProbe.Refused, await DeadReplicaProbe.Connect("127.0.0.1", closed, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_gives_no_verdict()
    {
        Assert.Equal(PortProbe.NoAnswer, await DeadReplicaProbe.Connect("no-such-replica.invalid", 4053, TimeSpan.FromSeconds(30)));
    }

    private static List<(DateTimeOffset At, PortProbe Result)> Parse(string attempts) =>
        [.. attempts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a =>
        {
            var result = a[0] switch { 'R' => PortProbe.Refused, 'A' => PortProbe.Accepted, _ => PortProbe.NoAnswer };
            return (Start.AddMilliseconds(int.Parse(a[2..], System.Globalization.CultureInfo.InvariantCulture)), result);
        })];
}
