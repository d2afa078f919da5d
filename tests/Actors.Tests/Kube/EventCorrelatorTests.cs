using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

/// <summary>The controller's Events are aggregated and spam-filtered per object, as client-go's EventCorrelator does.</summary>
public class EventCorrelatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly ObjectRef Web = ObjectRef.CloneSet("default", "web");

    private static RecordEvent Updated(int pod, ObjectRef? target = null, string reason = "SuccessfulUpdatePodInPlace") =>
        new($"web/update/{pod}", target ?? Web, "uid-web", RecordEvent.Normal, reason, $"successfully update pod web-{pod} in-place");

    private static EventCorrelator Correlator(int spamBurst = 1000) => new(new EventCorrelationOptions { SpamBurst = spamBurst });

    [Fact]
    public void Fewer_than_ten_similar_events_are_each_written_as_they_came()
    {
        var correlator = Correlator();

        var verdicts = Enumerable.Range(1, 9).Select(i => correlator.Correlate(Updated(i), T0.AddSeconds(i))).ToList();

        Assert.All(verdicts, v => Assert.Equal((EventAction.Create, null, 1), (v.Action, v.Name, v.Count)));
        Assert.Equal("successfully update pod web-9 in-place", verdicts[^1].Message);
    }

    [Fact]
    public void From_the_tenth_similar_event_they_are_combined_into_one_Event_whose_count_goes_up()
    {
        var correlator = Correlator();
        for (var i = 1; i <= 9; i++)
            correlator.Correlate(Updated(i), T0.AddSeconds(i));

        var tenth = correlator.Correlate(Updated(10), T0.AddSeconds(10));
        var eleventh = correlator.Correlate(Updated(11), T0.AddSeconds(11));
        var twelfth = correlator.Correlate(Updated(12), T0.AddSeconds(12));

        Assert.Equal(EventAction.Create, tenth.Action);
        Assert.NotNull(tenth.Name);
        Assert.Equal("(combined from similar events): successfully update pod web-10 in-place", tenth.Message);
        Assert.Equal((EventAction.Count, tenth.Name, 2), (eleventh.Action, eleventh.Name, eleventh.Count));
        Assert.Equal((EventAction.Count, tenth.Name, 3, T0.AddSeconds(10)), (twelfth.Action, twelfth.Name, twelfth.Count, twelfth.FirstTimestamp));
        Assert.Equal("(combined from similar events): successfully update pod web-12 in-place", twelfth.Message);
    }

    [Theory]
    [InlineData("another reason")]
    [InlineData("another object")]
    public void Events_of_another_reason_or_object_are_not_combined_with_them(string which)
    {
        var correlator = Correlator();
        for (var i = 1; i <= 12; i++)
            correlator.Correlate(Updated(i), T0.AddSeconds(i));

        var other = which == "another reason"
            ? correlator.Correlate(Updated(13, reason: "SuccessfulCreate"), T0.AddSeconds(13))
            : correlator.Correlate(Updated(13, ObjectRef.CloneSet("default", "api")), T0.AddSeconds(13));

        Assert.Equal((EventAction.Create, null, "successfully update pod web-13 in-place"), (other.Action, other.Name, other.Message));
    }

    [Fact]
    public void Similar_events_ten_minutes_apart_start_counting_afresh()
    {
        var correlator = Correlator();
        for (var i = 1; i <= 9; i++)
            correlator.Correlate(Updated(i), T0.AddSeconds(i));

        var later = correlator.Correlate(Updated(10), T0.AddMinutes(11));

        Assert.Equal((EventAction.Create, null), (later.Action, later.Name));
        Assert.Equal("successfully update pod web-10 in-place", later.Message);
    }

    [Fact]
    public void An_identical_event_repeated_only_counts_on_the_first()
    {
        var correlator = Correlator();
        var first = new RecordEvent("a", Web, "uid-web", RecordEvent.Warning, "FailedCreate", "quota exceeded");
        var again = first with { Id = "b" };

        var verdict1 = correlator.Correlate(first, T0);
        var verdict2 = correlator.Correlate(again, T0.AddSeconds(5));

        Assert.Equal(EventAction.Create, verdict1.Action);
        Assert.Equal((EventAction.Count, EventCorrelator.NameOf(first), 2, T0), (verdict2.Action, verdict2.Name, verdict2.Count, verdict2.FirstTimestamp));
    }

    [Fact]
    public void The_same_command_sent_again_goes_out_as_it_came_so_the_server_refuses_the_duplicate()
    {
        var correlator = Correlator(spamBurst: 1);
        var first = new RecordEvent("a", Web, "uid-web", RecordEvent.Warning, "FailedCreate", "quota exceeded");

        correlator.Correlate(first, T0);
        var resent = correlator.Correlate(first, T0.AddSeconds(5));

        Assert.Equal((EventAction.Create, null, 1), (resent.Action, resent.Name, resent.Count));
    }

    [Fact]
    public void Beyond_the_burst_of_25_an_objects_events_are_dropped_and_one_more_is_allowed_each_five_minutes()
    {
        var correlator = Correlator(spamBurst: 25);
        var reasons = new[] { "A", "B", "C" };
        var verdicts = Enumerable.Range(1, 30)
            .Select(i => correlator.Correlate(Updated(i, reason: reasons[i % 3]) with { Message = $"m{i}" }, T0.AddSeconds(i)))
            .ToList();

        Assert.Equal(25, verdicts.Count(v => v.Action != EventAction.Drop));
        Assert.All(verdicts.Skip(25), v => Assert.Equal(EventAction.Drop, v.Action));
        Assert.Equal(EventAction.Drop, correlator.Correlate(Updated(31) with { Message = "m31" }, T0.AddMinutes(4)).Action);
        Assert.NotEqual(EventAction.Drop, correlator.Correlate(Updated(32) with { Message = "m32" }, T0.AddMinutes(6)).Action);
        Assert.NotEqual(EventAction.Drop, correlator.Correlate(Updated(1, ObjectRef.CloneSet("default", "api")), T0.AddMinutes(4)).Action);
    }

    [Fact]
    public void A_thousand_pod_rollout_writes_a_few_dozen_Events_about_its_CloneSet()
    {
        var correlator = new EventCorrelator(new EventCorrelationOptions());

        var written = Enumerable.Range(1, 1000).Count(i => correlator.Correlate(Updated(i), T0.AddMilliseconds(30 * i)).Action != EventAction.Drop);

        Assert.Equal(25, written);
    }

    [Fact]
    public void Off_writes_every_event_as_it_came()
    {
        var correlator = new EventCorrelator(EventCorrelationOptions.Off);

        var verdicts = Enumerable.Range(1, 100).Select(i => correlator.Correlate(Updated(i), T0)).ToList();

        Assert.All(verdicts, v => Assert.Equal((EventAction.Create, null), (v.Action, v.Name)));
    }
}
