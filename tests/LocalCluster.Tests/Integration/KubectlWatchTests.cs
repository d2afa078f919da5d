namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl get -w`: the list, then one table row per change streamed from the watch.</summary>
public class KubectlWatchTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool Has(string output, params string[] words) =>
        output.Split('\n').Any(line => Words(line).Take(words.Length).SequenceEqual(words));

    [Fact]
    public async Task Get_watch_streams_added_modified_and_deleted_rows()
    {
        (await cluster.Kubectl("create namespace watch")).Ok();
        (await cluster.Kubectl("run first -n watch --image=busybox")).Ok();

        using var watch = cluster.StartKubectl("get pods -n watch -w --output-watch-events");
        await watch.WaitFor(o => Has(o, "ADDED", "first"), "the listed pod");

        (await cluster.Kubectl("run second -n watch --image=busybox")).Ok();
        await watch.WaitFor(o => Has(o, "ADDED", "second", "0/1", "Pending"), "the created pod");
        (await cluster.Kubectl("label pod first -n watch seen=yes")).Ok();
        await watch.WaitFor(o => Has(o, "MODIFIED", "first", "0/1", "Pending"), "the labelled pod");
        (await cluster.Kubectl("delete pod second -n watch")).Ok();
        var output = await watch.WaitFor(o => Has(o, "DELETED", "second"), "the deleted pod");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["EVENT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], Words(lines[0]));
        Assert.Single(lines, l => l.StartsWith("EVENT", StringComparison.Ordinal));
        Assert.Equal(["ADDED first", "ADDED second", "MODIFIED first", "DELETED second"], lines.Skip(1).Select(l => string.Join(' ', Words(l).Take(2))));
    }

    [Fact]
    public async Task Get_one_object_watch_starts_with_its_current_row_and_follows_it_in_wide_columns()
    {
        (await cluster.Kubectl("create namespace watchone")).Ok();
        (await cluster.Kubectl("run only -n watchone --image=busybox")).Ok();
        (await cluster.Kubectl("run other -n watchone --image=busybox")).Ok();

        using var watch = cluster.StartKubectl("get pod only -n watchone -w -o wide");
        var first = await watch.WaitFor(o => Has(o, "only"), "the current row");
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"], Words(first.Split('\n')[0]));

        (await cluster.Kubectl("label pod other -n watchone ignored=yes")).Ok();
        (await cluster.Kubectl("label pod only -n watchone changed=yes")).Ok();
        var output = await watch.WaitFor(o => o.Split('\n').Count(l => Has(l, "only")) == 2, "the change of the watched pod");

        Assert.DoesNotContain("other", output);
        Assert.Equal(["only", "0/1", "Pending", "0"], Words(output.Split('\n')[2]).Take(4));
    }
}
