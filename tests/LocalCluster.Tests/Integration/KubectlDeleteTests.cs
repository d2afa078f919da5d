namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl delete`: immediate deletion, and an object held by a finalizer that kubectl waits out.</summary>
public class KubectlDeleteTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Held = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: held
          namespace: delete
          finalizers: [example.com/hold]
        data:
          key: value
        """;

    [Fact]
    public async Task Delete_waits_for_the_last_finalizer_and_then_the_object_is_gone()
    {
        (await cluster.Kubectl("create namespace delete")).Ok();
        (await cluster.Kubectl("apply -f -", Held)).Ok();

        Assert.Equal("configmap \"held\" deleted", (await cluster.Kubectl("delete configmap held -n delete --wait=false")).Ok().Stdout.Trim());
        var marked = (await cluster.Kubectl("get configmap held -n delete -o jsonpath={.metadata.deletionTimestamp},{.metadata.finalizers}")).Ok().Stdout;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,\[""example.com/hold""\]$", marked);

        // A finalizer may not be added once deletion started; the held object still takes other changes.
        var added = (await cluster.Kubectl("""patch configmap held -n delete --type=merge -p '{"metadata":{"finalizers":["example.com/hold","example.com/late"]}}'""")).Fails();
        Assert.Contains("Forbidden: no new finalizers can be added if the object is being deleted", added.Stderr);

        using var waiting = cluster.StartKubectl("delete configmap held -n delete --timeout=30s");
        // kubectl reports the deletion as soon as the DELETE is answered, then waits for the object to go.
        await waiting.WaitFor(o => o.Contains("configmap \"held\" deleted", StringComparison.Ordinal), "the DELETE");
        (await cluster.Kubectl("""patch configmap held -n delete --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'""")).Ok();
        var deleted = await waiting.Exit();

        Assert.Equal(0, deleted.ExitCode);
        var gone = (await cluster.Kubectl("get configmap held -n delete")).Fails();
        Assert.Equal("Error from server (NotFound): configmaps \"held\" not found", gone.Stderr.Trim());
    }

    [Fact]
    public async Task Delete_by_label_removes_the_matching_objects_only()
    {
        (await cluster.Kubectl("create namespace sweep")).Ok();
        (await cluster.Kubectl("create configmap keep -n sweep")).Ok();
        (await cluster.Kubectl("create configmap drop-1 -n sweep")).Ok();
        (await cluster.Kubectl("create configmap drop-2 -n sweep")).Ok();
        (await cluster.Kubectl("label configmap drop-1 drop-2 -n sweep sweep=yes")).Ok();

        var deleted = (await cluster.Kubectl("delete configmaps -n sweep -l sweep=yes")).Ok();

        Assert.Equal(["configmap \"drop-1\" deleted", "configmap \"drop-2\" deleted"], deleted.Lines);
        // What is left: the unlabelled one, and the kube-root-ca.crt every namespace gets.
        Assert.Equal(["configmap/keep", "configmap/kube-root-ca.crt"], (await cluster.Kubectl("get configmaps -n sweep -o name")).Ok().Lines);
    }
}
