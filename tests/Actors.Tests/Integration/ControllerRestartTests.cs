using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The controller killed in the middle of a scale-up and started again on the same journal.</summary>
[Collection(ApiServerTests.Name)]
public sealed class ControllerRestartTests(ApiServerFixture api)
{
    [Fact]
    public async Task A_controller_stopped_with_creates_in_flight_resumes_them_and_ends_with_exactly_the_right_pods()
    {
        await using var session = await CloneSetSession.Start(api, controller: false);
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("web", 0))).Ok();
        // Slow start creates 1 pod, then 2: the first goes through; of the next two one reaches the
        // server unanswered and one never leaves the controller.
        var cutOff = new CutOffPodCreates(session.Namespace, passed: 1);
        var first = await ControllerRuntime.Start(session.RuntimeOptions, ControllerCatalog.CreateDefault(), api.Api(cutOff));
        try
        {
            (await session.Kubectl("scale cloneset web --replicas 5")).Ok();
            await Eventually.True(() => cutOff.Held == 2 && session.Journaled("web").Count(m => m == "cs.pod-create") == 3, "two creates are in flight");
            await Eventually.True(async () => (await session.Pods()).Count == 2, "the unanswered create reached the server");
        }
        finally
        {
            await first.DisposeAsync();
        }
        var beforeRestart = await session.Pods();
        var intended = await PodCreatesOf(session);
        Assert.Equal(3, intended.Count);
        Assert.Equal(2, beforeRestart.Count(p => intended.Contains(p.Metadata.Name)));

        await session.StartController();
        await session.Settled("web", 5);

        var pods = await session.Pods();
        Assert.Equal(5, pods.Select(p => p.Metadata.Name).Distinct().Count());
        // The create that never left is made under its journaled name; the unanswered one is not made twice.
        Assert.Subset(pods.Select(p => p.Metadata.Name).ToHashSet(), intended.ToHashSet());
        Assert.All(beforeRestart, kept => Assert.Equal(kept.Metadata.Uid, pods.Single(p => p.Metadata.Name == kept.Metadata.Name).Metadata.Uid));
        var journaled = session.Journaled("web");
        Assert.Equal(5, journaled.Count(m => m == "cs.pod-create"));
        Assert.Contains("cs.intent-reissued", journaled);
    }

    private static async Task<List<string>> PodCreatesOf(CloneSetSession session)
    {
        var reader = new Journal.EventLogReader(session.Journal.Target, ControllerCatalog.CreateDefault().Events);
        var events = await reader.Read(session.Entity("web"), 0, CancellationToken.None);
        return [.. events.Where(e => e.Manifest == "cs.pod-create").Select(e => (string)e.Event!["name"]!)];
    }
}
