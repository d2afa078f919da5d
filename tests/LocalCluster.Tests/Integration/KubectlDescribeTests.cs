namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl describe`: the object's fields and the events found by a field selector on involvedObject.</summary>
public class KubectlDescribeTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static string Event(string ns, string name, string pod, string uid, string reason, string message, string type = "Normal") => $"""
        apiVersion: v1
        kind: Event
        metadata:
          name: {name}
          namespace: {ns}
        involvedObject:
          apiVersion: v1
          kind: Pod
          name: {pod}
          namespace: {ns}
          uid: "{uid}"
        reason: {reason}
        message: "{message}"
        type: {type}
        source:
          component: default-scheduler
        count: 1
        firstTimestamp: "{DateTime.UtcNow.AddMinutes(-3):yyyy-MM-ddTHH:mm:ssZ}"
        lastTimestamp: "{DateTime.UtcNow.AddMinutes(-3):yyyy-MM-ddTHH:mm:ssZ}"
        ---

        """;

    [Fact]
    public async Task Describe_pod_lists_its_own_events_only()
    {
        (await cluster.Kubectl("create namespace describe")).Ok();
        (await cluster.Kubectl("run web -n describe --image=nginx:1.25 --labels=app=web")).Ok();
        (await cluster.Kubectl("run db -n describe --image=postgres")).Ok();
        var uid = (await cluster.Kubectl("get pod web -n describe -o jsonpath={.metadata.uid}")).Ok().Stdout;
        var otherUid = (await cluster.Kubectl("get pod db -n describe -o jsonpath={.metadata.uid}")).Ok().Stdout;
        var events = Event("describe", "web.1", "web", uid, "Scheduled", "Successfully assigned describe/web to node-1")
            + Event("describe", "web.2", "web", uid, "BackOff", "Back-off pulling image nginx:1.25", "Warning")
            + Event("describe", "web.old", "web", Guid.NewGuid().ToString(), "Killing", "Stopping an earlier pod named web")
            + Event("describe", "db.1", "db", otherUid, "Pulled", "Container image postgres already present");
        (await cluster.Kubectl("apply -f -", events)).Ok();

        var described = (await cluster.Kubectl("describe pod web -n describe")).Ok().Stdout;

        Assert.Matches(@"(?m)^Name:\s+web$", described);
        Assert.Matches(@"(?m)^Namespace:\s+describe$", described);
        Assert.Matches(@"(?m)^Labels:\s+app=web$", described);
        Assert.Matches(@"(?m)^Status:\s+Pending$", described);
        Assert.Matches(@"(?m)^\s+Image:\s+nginx:1.25$", described);
        var eventTable = described[described.IndexOf("\nEvents:", StringComparison.Ordinal)..];
        Assert.Matches(@"Type\s+Reason\s+Age\s+From\s+Message", eventTable);
        Assert.Matches(@"Normal\s+Scheduled\s+3m\d*s?\s+default-scheduler\s+Successfully assigned describe/web to node-1", eventTable);
        Assert.Matches(@"Warning\s+BackOff\s+.*Back-off pulling image nginx:1.25", eventTable);
        Assert.DoesNotContain("Killing", eventTable);
        Assert.DoesNotContain("Pulled", eventTable);
    }

    [Fact]
    public async Task Get_events_prints_the_event_columns_and_filters_by_field()
    {
        (await cluster.Kubectl("create namespace events")).Ok();
        (await cluster.Kubectl("apply -f -", Event("events", "e.1", "a", "u-a", "Started", "Started container") + Event("events", "e.2", "b", "u-b", "Failed", "Error: boom", "Warning"))).Ok();

        var table = (await cluster.Kubectl("get events -n events --field-selector type=Warning")).Ok().Table();

        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal("pod/b", row["OBJECT"]);
        Assert.Equal("Error: boom", row["MESSAGE"]);
    }

    [Fact]
    public async Task Describe_deployment_shows_the_defaults_the_server_filled_in()
    {
        (await cluster.Kubectl("create namespace workloads")).Ok();
        (await cluster.Kubectl("create deployment web -n workloads --image=nginx:1.25 --replicas=2")).Ok();

        var described = (await cluster.Kubectl("describe deployment web -n workloads")).Ok().Stdout;

        Assert.Matches(@"(?m)^Replicas:\s+2 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$", described);
        Assert.Matches(@"(?m)^StrategyType:\s+RollingUpdate$", described);
        Assert.Matches(@"(?m)^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$", described);
        Assert.Matches(@"(?m)^Selector:\s+app=web$", described);
        var template = (await cluster.Kubectl("get deployment web -n workloads -o jsonpath={.spec.revisionHistoryLimit},{.spec.template.spec.containers[0].imagePullPolicy},{.spec.template.spec.restartPolicy}")).Ok().Stdout;
        Assert.Equal("10,IfNotPresent,Always", template);
    }
}
