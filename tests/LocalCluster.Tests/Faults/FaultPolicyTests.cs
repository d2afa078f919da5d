using Kruise.Actors.LocalCluster.Faults;

namespace Kruise.Actors.LocalCluster.Tests.Faults;

public class FaultPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static FaultRequest Request(ApiVerb verb, string resource = "pods", string group = "", string? name = "web-1") => new(verb, group, resource, null, name);

    [Theory]
    [InlineData(ApiVerb.Get)]
    [InlineData(ApiVerb.List)]
    [InlineData(ApiVerb.Watch)]
    [InlineData(ApiVerb.Create)]
    [InlineData(ApiVerb.Update)]
    [InlineData(ApiVerb.Patch)]
    [InlineData(ApiVerb.Delete)]
    [InlineData(ApiVerb.DeleteCollection)]
    public void No_faults_pass_every_request_without_drawing(ApiVerb verb)
    {
        var random = new ScriptedRandom();
        Assert.Equal(FaultDecision.Pass, FaultPolicy.Decide(FaultOptions.None, Request(verb), random, Now, Now.AddHours(-1)));
    }

    // draws: whether the write fails, then which code (index into the codes a request may get).
    [Theory]
    [InlineData(ApiVerb.Update, 0.49, 0.0, 409, "Conflict")]
    [InlineData(ApiVerb.Patch, 0.0, 0.34, 429, "TooManyRequests")]
    [InlineData(ApiVerb.Delete, 0.2, 0.99, 500, "InternalError")]
    [InlineData(ApiVerb.DeleteCollection, 0.2, 0.5, 429, "TooManyRequests")]
    // A create never gets 409: its choice is between 429 and 500 only.
    [InlineData(ApiVerb.Create, 0.1, 0.0, 429, "TooManyRequests")]
    [InlineData(ApiVerb.Create, 0.1, 0.6, 500, "InternalError")]
    public void A_write_under_the_rate_fails_with_the_drawn_code(ApiVerb verb, double failDraw, double codeDraw, int code, string reason)
    {
        var random = new ScriptedRandom(failDraw, codeDraw);
        var decision = FaultPolicy.Decide(new FaultOptions { WriteErrorRate = 0.5 }, Request(verb), random, Now, Now);

        Assert.Equal(code, decision.Error?.Code);
        Assert.Equal(reason, decision.Error?.Reason);
        Assert.Equal(code == 429 ? TimeSpan.FromSeconds(1) : null, decision.Error?.RetryAfter);
        Assert.Equal(2, random.Used);
    }

    [Theory]
    [InlineData(ApiVerb.Update, 0.5)]
    [InlineData(ApiVerb.Create, 0.75)]
    [InlineData(ApiVerb.Delete, 0.99)]
    public void A_write_at_or_over_the_rate_passes_after_one_draw(ApiVerb verb, double failDraw)
    {
        var random = new ScriptedRandom(failDraw);
        var decision = FaultPolicy.Decide(new FaultOptions { WriteErrorRate = 0.5 }, Request(verb), random, Now, Now);

        Assert.Null(decision.Error);
        Assert.Equal(1, random.Used);
    }

    [Theory]
    [InlineData(ApiVerb.Get)]
    [InlineData(ApiVerb.List)]
    [InlineData(ApiVerb.Watch)]
    public void Reads_are_never_refused(ApiVerb verb)
    {
        var decision = FaultPolicy.Decide(new FaultOptions { WriteErrorRate = 1 }, Request(verb), new ScriptedRandom(), Now, Now);
        Assert.Null(decision.Error);
    }

    [Fact]
    public void A_create_passes_when_409_is_the_only_code()
    {
        var options = new FaultOptions { WriteErrorRate = 1, ErrorCodes = [409] };

        Assert.Null(FaultPolicy.Decide(options, Request(ApiVerb.Create), new ScriptedRandom(0.0), Now, Now).Error);
        Assert.Equal(409, FaultPolicy.Decide(options, Request(ApiVerb.Patch), new ScriptedRandom(0.0, 0.0), Now, Now).Error?.Code);
    }

    [Theory]
    [InlineData("", "pods", "Operation cannot be fulfilled on pods \"web-1\": the object has been modified; please apply your changes to the latest version and try again")]
    [InlineData("apps.kruise.io", "clonesets", "Operation cannot be fulfilled on clonesets.apps.kruise.io \"web-1\": the object has been modified; please apply your changes to the latest version and try again")]
    public void A_conflict_names_the_object_as_the_apiserver_does(string group, string resource, string message)
    {
        var decision = FaultPolicy.Decide(new FaultOptions { WriteErrorRate = 1, ErrorCodes = [409] }, Request(ApiVerb.Update, resource, group), new ScriptedRandom(0.0, 0.0), Now, Now);
        Assert.Equal(message, decision.Error?.Message);
    }

    [Theory]
    [InlineData(0, 0.5, 0)]
    [InlineData(20, 0.0, 0)]
    [InlineData(20, 0.5, 10)]
    [InlineData(20, 0.999, 19.98)]
    public void Latency_is_a_drawn_part_of_the_configured_wait(int latencyMs, double draw, double expectedMs)
    {
        var random = new ScriptedRandom(draw);
        var decision = FaultPolicy.Decide(new FaultOptions { Latency = TimeSpan.FromMilliseconds(latencyMs), CompactEvery = TimeSpan.FromHours(1) }, Request(ApiVerb.Get), random, Now, Now);

        Assert.Equal(expectedMs, decision.Delay.TotalMilliseconds, 3);
        Assert.Equal(latencyMs > 0 ? 1 : 0, random.Used);
    }

    [Theory]
    [InlineData(ApiVerb.Watch, 0.0, 5.0)]
    [InlineData(ApiVerb.Watch, 0.5, 7.5)]
    [InlineData(ApiVerb.Watch, 1.0, 10.0)]
    [InlineData(ApiVerb.List, 0.5, null)]
    [InlineData(ApiVerb.Patch, 0.5, null)]
    public void Only_watches_get_a_lifetime_between_half_and_all_of_the_configured_one(ApiVerb verb, double draw, double? seconds)
    {
        var random = new ScriptedRandom(draw);
        var decision = FaultPolicy.Decide(new FaultOptions { WatchLifetime = TimeSpan.FromSeconds(10) }, Request(verb), random, Now, Now);

        Assert.Equal(seconds, decision.WatchLifetime?.TotalSeconds);
        Assert.Equal(seconds is null ? 0 : 1, random.Used);
    }

    [Theory]
    [InlineData(30, 29.9, false)]
    [InlineData(30, 30, true)]
    [InlineData(30, 300, true)]
    [InlineData(null, 300, false)]
    public void Compaction_is_due_once_its_period_passed_since_the_last(int? everySeconds, double sinceLastSeconds, bool due)
    {
        var options = new FaultOptions { CompactEvery = everySeconds is { } s ? TimeSpan.FromSeconds(s) : null, Latency = TimeSpan.FromMilliseconds(1) };
        var decision = FaultPolicy.Decide(options, Request(ApiVerb.Get), new ScriptedRandom(0.0), Now, Now.AddSeconds(-sinceLastSeconds));
        Assert.Equal(due, decision.CompactFirst);
    }

    [Fact]
    public void A_seed_repeats_the_same_faults_and_the_rate_holds_over_many_writes()
    {
        var options = new FaultOptions { WriteErrorRate = 0.2, Latency = TimeSpan.FromMilliseconds(5) };
        var verbs = new[] { ApiVerb.Create, ApiVerb.Update, ApiVerb.Patch, ApiVerb.Delete };
        List<int?> Run(int seed)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, 2000).Select(i => FaultPolicy.Decide(options, Request(verbs[i % verbs.Length]), random, Now, Now).Error?.Code)];
        }

        var first = Run(42);
        Assert.Equal(first, Run(42));
        Assert.NotEqual(first, Run(43));
        var errors = first.Count(c => c is not null);
        Assert.InRange(errors, 320, 480);
        Assert.All(FaultOptions.SupportedErrorCodes, code => Assert.InRange(first.Count(c => c == code), 80, 200));
        Assert.DoesNotContain(409, first.Where((_, i) => verbs[i % verbs.Length] == ApiVerb.Create).Select(c => c ?? 0));
    }

    [Theory]
    [InlineData("GET", false, false, ApiVerb.List)]
    [InlineData("GET", false, true, ApiVerb.Watch)]
    [InlineData("GET", true, false, ApiVerb.Get)]
    [InlineData("POST", false, false, ApiVerb.Create)]
    [InlineData("POST", true, false, ApiVerb.Create)]
    [InlineData("PUT", true, false, ApiVerb.Update)]
    [InlineData("PATCH", true, false, ApiVerb.Patch)]
    [InlineData("DELETE", true, false, ApiVerb.Delete)]
    [InlineData("DELETE", false, false, ApiVerb.DeleteCollection)]
    [InlineData("PUT", false, false, null)]
    [InlineData("OPTIONS", true, false, null)]
    public void Http_methods_map_to_api_verbs(string method, bool namesObject, bool watch, ApiVerb? verb) =>
        Assert.Equal(verb, FaultRequest.VerbOf(method, namesObject, watch));
}
