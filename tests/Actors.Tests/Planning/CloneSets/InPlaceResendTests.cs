using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

/// <summary>
/// In-place requests lost with a replica (the pod entity's shard was there) are sent again soon,
/// and every pending one at once when the CloneSet entity itself recovers, so a rollout goes on
/// seconds after a failover instead of after the 30 s intent timeout.
/// </summary>
public sealed class InPlaceResendTests
{
    private static readonly CloneSetPlannerOptions Options = CloneSetPlannerOptions.Default;

    /// <summary>A 3-pod CloneSet whose in-place update to a new image was requested (maxUnavailable 100%) and not yet carried out.</summary>
    private static CloneSetWorld Requested()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3, spec => spec.UpdateStrategy = new CloneSetUpdateStrategy
        {
            Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible,
            MaxUnavailable = "100%",
        }));
        world.Settle();
        world.HoldPodUpdates = true;
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle(makeReady: false, maxSteps: 10);
        Assert.Equal(3, world.State.IntentsOf(IntentKind.UpdatePodInPlace).Count());
        world.PodUpdates.Clear();
        return world;
    }

    private static void ShowAccepted(CloneSetWorld world, string pod) =>
        world.Pods[pod] = world.Pods[pod] with { InPlaceUpdateReady = false };

    public static TheoryData<string, bool, int, bool> Cases => new()
    {
        // name, pod shows InPlaceUpdateReady=False (the pod entity persisted the request), seconds since the send, sent again
        { "not accepted, before the in-place interval", false, 4, false },
        { "not accepted, at the in-place interval", false, 5, true },
        { "not accepted, long after", false, 29, true },
        { "accepted, past the in-place interval", true, 5, false },
        { "accepted, just before the intent timeout", true, 29, false },
        { "accepted, at the intent timeout", true, 30, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_in_place_request_is_sent_again_soon_until_the_pod_shows_it_accepted(string name, bool accepted, int seconds, bool resent)
    {
        var world = Requested();
        var pod = world.PodNames[0];
        if (accepted)
            ShowAccepted(world, pod);
        var before = world.State.FindIntent(IntentKind.UpdatePodInPlace, pod)!;

        world.Now = before.IssuedAt + TimeSpan.FromSeconds(seconds);
        var decision = world.Step();

        var sent = decision.PodUpdates.Where(u => u.Pod == pod).ToList();
        Assert.True(resent == (sent.Count == 1), $"{name}: {sent.Count} requests sent");
        if (resent)
        {
            Assert.Equal((before.Uid, before.Revision), (sent[0].PodUid, sent[0].Spec.Revision));
            Assert.Contains(decision.Events, e => e is IntentReissued { Kind: IntentKind.UpdatePodInPlace } r && r.Name == pod);
        }
    }

    [Fact]
    public void The_entity_asks_to_be_woken_in_time_for_the_quick_resend()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2, spec => spec.UpdateStrategy = new CloneSetUpdateStrategy
        {
            Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible,
        }));
        world.Settle();
        world.HoldPodUpdates = true;
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle(makeReady: false, maxSteps: 10);
        var requested = world.Decisions.Last(d => d.PodUpdates.Count > 0);

        Assert.NotNull(requested.WakeAt);
        Assert.True(requested.WakeAt <= world.Now + Options.InPlaceResendInterval, $"wakes at {requested.WakeAt}, {requested.WakeAt - world.Now} from now");
    }

    [Fact]
    public void A_recovered_CloneSet_entity_resends_every_pending_in_place_request_at_once_for_the_same_pod_and_revision()
    {
        var world = Requested();
        var pending = world.State.IntentsOf(IntentKind.UpdatePodInPlace).ToDictionary(i => i.Name);
        ShowAccepted(world, world.PodNames[0]);

        // A new incarnation folds the journal; no time has passed.
        var recovered = CloneSetState.Empty.EvolveAll(world.Journal);
        var decision = CloneSetDecider.Resume(recovered, world.Observation(), world.Now);

        Assert.Equal(pending.Keys.Order(), decision.PodUpdates.Select(u => u.Pod).Order());
        Assert.All(decision.PodUpdates, u => Assert.Equal((pending[u.Pod].Uid, pending[u.Pod].Revision), (u.PodUid, u.Spec.Revision)));
        // Re-sent, not requested anew: the intents (and the maxUnavailable budget they hold) stay as they were.
        Assert.Empty(decision.Events.OfType<PodInPlaceUpdateRequested>());
        Assert.Equal(pending.Count, decision.Events.OfType<IntentReissued>().Count());
    }

    [Fact]
    public void Quick_resends_give_an_unaccepted_update_up_no_sooner_than_other_intents()
    {
        var world = Requested();
        var pod = world.PodNames[0];
        var budget = Options.IntentTimeout * Options.MaxIntentAttempts;
        var start = world.Now;

        while (world.Now - start < budget - Options.InPlaceResendInterval)
        {
            world.Now += Options.InPlaceResendInterval;
            Assert.DoesNotContain(world.Step().Events, e => e is IntentExpired { Kind: IntentKind.UpdatePodInPlace });
        }
        world.Now += Options.InPlaceResendInterval;
        Assert.Contains(world.Step().Events, e => e is IntentExpired { Kind: IntentKind.UpdatePodInPlace } x && x.Name == pod);
    }

    public static TheoryData<int, int, int, int> Budgets => new()
    {
        // intent timeout s, max intent attempts, in-place interval s, max in-place attempts
        { 30, 5, 5, 30 },
        { 30, 5, 7, 22 },
        { 30, 5, 30, 5 },
        { 30, 5, 60, 5 },
        { 30, 5, 0, 5 },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void The_in_place_attempt_budget_spans_the_time_other_intents_get(int timeout, int attempts, int interval, int expected)
    {
        var options = new CloneSetPlannerOptions
        {
            IntentTimeout = TimeSpan.FromSeconds(timeout),
            MaxIntentAttempts = attempts,
            InPlaceResendInterval = TimeSpan.FromSeconds(interval),
        };
        Assert.Equal(expected, options.MaxInPlaceAttempts);
    }

    [Fact]
    public void A_patched_pod_whose_entity_stalls_before_the_last_step_is_poked_with_the_same_request_after_the_timeout()
    {
        var world = Requested();
        var pod = world.PodNames[0];
        var request = world.State.FindIntent(IntentKind.UpdatePodInPlace, pod)!;
        // The pod entity patched the pod (new revision label, InPlaceUpdateReady=False) and then stopped with its replica.
        world.UpdateInPlace(world.PodUpdates.Count > 0 ? world.PodUpdates[0] : CloneSetDecider.Resume(world.State, world.Observation(), world.Now).PodUpdates.First(u => u.Pod == pod));
        world.PodUpdates.Clear();

        Assert.DoesNotContain(world.Step().Events, e => e is IntentSatisfied { Kind: IntentKind.UpdatePodInPlace } x && x.Name == pod);
        world.Now = request.IssuedAt + Options.IntentTimeout;
        var poke = Assert.Single(world.Step().PodUpdates, u => u.Pod == pod);
        Assert.Equal((request.Uid, request.Revision), (poke.PodUid, poke.Spec.Revision));

        // The restarted entity finishes: InPlaceUpdateReady=True ends the intent.
        world.MakeReady(pod);
        Assert.Contains(world.Step().Events, e => e is IntentSatisfied { Kind: IntentKind.UpdatePodInPlace } x && x.Name == pod);
    }
}
