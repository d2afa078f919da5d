using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Admission;

/// <summary>
/// The one writer of the webhook configurations: a cluster singleton whose every incarnation
/// points them at the replica it runs on (URL mode) or at the Service (service mode), with the
/// shared caBundle. When its replica leaves or dies the singleton starts on another replica,
/// which re-points them, so they always name a live replica. It re-checks every interval (a
/// renewed caBundle, a configuration someone changed) and retries failures with backoff.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Disposed in PostStop, the end of an actor's life.")]
public sealed class WebhookRegistrar : ReceiveActor, IWithTimers
{
    private readonly Func<CancellationToken, Task> _publish;
    private readonly TimeSpan _interval;
    private readonly HealthLog _health;
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
    private readonly CancellationTokenSource _stopping = new();
    private bool _busy;

    public WebhookRegistrar(Func<CancellationToken, Task> publish, TimeSpan interval, HealthLog health)
    {
        _publish = publish;
        _interval = interval;
        _health = health;
        Receive<Tick>(_ => Publish());
        Receive<Published>(_ =>
        {
            _busy = false;
            _backoff.Reset();
            _health.Success();
            Timers.StartSingleTimer(Tick.Instance, Tick.Instance, _interval);
        });
        Receive<PublishFailed>(failed =>
        {
            _busy = false;
            _health.Failure(failed.Reason);
            Timers.StartSingleTimer(Tick.Instance, Tick.Instance, _backoff.Next());
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Func<CancellationToken, Task> publish, TimeSpan interval, HealthLog health) =>
        Akka.Actor.Props.Create(() => new WebhookRegistrar(publish, interval, health));

    protected override void PreStart() => Self.Tell(Tick.Instance);

    // Cancelling an in-flight write matters: the next incarnation must not be overwritten by it
    // (a write already sent carries the resourceVersion read before, so it fails with Conflict).
    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Publish()
    {
        if (_busy)
            return;
        _busy = true;
        _publish(_stopping.Token).ContinueWith(
            task => task.IsCompletedSuccessfully ? (object)Published.Instance : new PublishFailed(task.Exception?.GetBaseException().Message ?? "cancelled"),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).PipeTo(Self);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class Published
    {
        public static readonly Published Instance = new();
    }

    private sealed record PublishFailed(string Reason);
}
