using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// Downs a replica whose process is gone within a second of its connection breaking, instead of
/// the failure detector's 5-7 s plus the split-brain resolver's stable-after: when a connection to
/// a member breaks (or the failure detector suspects it), its cluster port is probed until
/// <see cref="DeadReplicaCheck"/> gives a verdict. Dead: the member is quarantined (the cluster
/// marks it terminated, so the leader may remove it) and downed. Anything else is left to the
/// failure detector and the resolver, so a slow replica under load is never downed by this.
/// </summary>
public sealed class DeadReplicaProbe : ReceiveActor, IWithTimers
{
    private readonly DeadReplicaCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<string, int, TimeSpan, Task<PortProbe>> _connect;
    private readonly Dictionary<Address, Check> _checks = [];
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public DeadReplicaProbe(DeadReplicaCheckOptions options, TimeProvider time, Func<string, int, TimeSpan, Task<PortProbe>> connect)
    {
        _options = options;
        _time = time;
        _connect = connect;
        Receive<DisassociatedEvent>(e => Suspect(e.RemoteAddress, "its connection closed"));
        Receive<AssociationErrorEvent>(e => Suspect(e.RemoteAddress, "connecting to it failed"));
        Receive<ClusterEvent.UnreachableMember>(e => Suspect(e.Member.Address, "the failure detector suspects it"));
        Receive<ClusterEvent.MemberRemoved>(e => Forget(e.Member.Address));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<ProbeNext>(m => Probe(m.Address));
        Receive<Probed>(OnProbed);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DeadReplicaCheckOptions options, TimeProvider time) => Props(options, time, Connect);

    public static Props Props(DeadReplicaCheckOptions options, TimeProvider time, Func<string, int, TimeSpan, Task<PortProbe>> connect) =>
        Akka.Actor.Props.Create(() => new DeadReplicaProbe(options, time, connect));

    /// <summary>One TCP connection attempt to <paramref name="host"/>:<paramref name="port"/>, closed at once.</summary>
    public static async Task<PortProbe> Connect(string host, int port, TimeSpan timeout)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return PortProbe.Accepted;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return PortProbe.Refused;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return PortProbe.NoAnswer;
        }
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(AssociationErrorEvent));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _cluster.Unsubscribe(Self);
    }

    private void Suspect(Address address, string why)
    {
        if (_checks.ContainsKey(address) || address == _cluster.SelfAddress || address.Host is null || address.Port is not { } port)
            return;
        // Only a member still counted on: one leaving hands over by itself, one downed is on its way out.
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address == address);
        if (member is null || member.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining))
            return;
        _log.Info("replica {0}: {1}; probing its cluster port", address, why);
        _checks[address] = new Check(member.UniqueAddress, address.Host, port, _time.GetUtcNow());
        Probe(address);
    }

    private void Probe(Address address)
    {
        if (!_checks.TryGetValue(address, out var check))
            return;
        var time = _time;
        _connect(check.Host, check.Port, _options.ConnectTimeout)
            .ContinueWith(t => new Probed(address, t.IsCompletedSuccessfully ? t.Result : PortProbe.NoAnswer, time.GetUtcNow()), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnProbed(Probed probed)
    {
        if (!_checks.TryGetValue(probed.Address, out var check))
            return;
        check.Attempts.Add((probed.At, probed.Result));
        switch (DeadReplicaCheck.Judge(check.Attempts, check.StartedAt, _time.GetUtcNow(), _options))
        {
            case ReplicaVerdict.ProbeAgain:
                Timers.StartSingleTimer(probed.Address, new ProbeNext(probed.Address), _options.Interval);
                break;
            case ReplicaVerdict.Dead:
                _log.Warning("replica {0} is gone: its cluster port refused {1} connections in a row; downing it", probed.Address,
                    check.Attempts.AsEnumerable().Reverse().TakeWhile(a => a.Result == PortProbe.Refused).Count());
                // Quarantine marks it terminated in this replica's view of reachability, without
                // which the leader would not remove a downed member until its heartbeats were missed.
                ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(probed.Address, check.Node.Uid);
                _cluster.Down(probed.Address);
                Forget(probed.Address);
                break;
            case ReplicaVerdict.Alive:
                _log.Info("replica {0} accepts connections: left to the failure detector", probed.Address);
                Forget(probed.Address);
                break;
            case ReplicaVerdict.Undecided:
                _log.Info("replica {0}: no verdict from its cluster port within {1}; left to the failure detector", probed.Address, _options.GiveUpAfter);
                Forget(probed.Address);
                break;
        }
    }

    private void Forget(Address address)
    {
        _checks.Remove(address);
        Timers.Cancel(address);
    }

    private sealed record Check(UniqueAddress Node, string Host, int Port, DateTimeOffset StartedAt)
    {
        public List<(DateTimeOffset At, PortProbe Result)> Attempts { get; } = [];
    }

    private sealed record ProbeNext(Address Address);

    private sealed record Probed(Address Address, PortProbe Result, DateTimeOffset At);
}
