namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl label`, `scale` and `patch` (strategic, merge and JSON patch) change what `get` shows.</summary>
public class KubectlEditTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static string Deployment(string ns) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: app:1
              - name: sidecar
                image: sidecar:1
        """;

    private async Task<string> Jsonpath(string ns, string path) =>
        (await cluster.Kubectl($"get deployment web -n {ns} -o 'jsonpath={path}'")).Ok().Stdout;

    [Fact]
    public async Task Label_adds_overwrites_and_removes_labels()
    {
        (await cluster.Kubectl("create namespace label")).Ok();
        (await cluster.Kubectl("apply -f -", Deployment("label"))).Ok();

        Assert.Equal("deployment.apps/web labeled", (await cluster.Kubectl("label deployment web -n label tier=front")).Ok().Stdout.Trim());
        var refused = (await cluster.Kubectl("label deployment web -n label tier=back")).Fails();
        Assert.Contains("'tier' already has a value (front), and --overwrite is false", refused.Stderr);
        (await cluster.Kubectl("label deployment web -n label tier=back track=stable --overwrite")).Ok();

        var table = (await cluster.Kubectl("get deployments -n label -L tier,track")).Ok().Table();
        Assert.Equal("back", table.Row("web")["TIER"]);
        Assert.Equal("stable", table.Row("web")["TRACK"]);

        (await cluster.Kubectl("label deployment web -n label track-")).Ok();
        Assert.Equal("back|", await Jsonpath("label", "{.metadata.labels.tier}|{.metadata.labels.track}"));
        // Labels are metadata: the generation stays where the create left it.
        Assert.Equal("1", await Jsonpath("label", "{.metadata.generation}"));
    }

    [Fact]
    public async Task Scale_sets_replicas_through_the_scale_subresource()
    {
        (await cluster.Kubectl("create namespace scale")).Ok();
        (await cluster.Kubectl("apply -f -", Deployment("scale"))).Ok();

        Assert.Equal("deployment.apps/web scaled", (await cluster.Kubectl("scale deployment web -n scale --replicas=4")).Ok().Stdout.Trim());
        Assert.Equal("4 2", await Jsonpath("scale", "{.spec.replicas} {.metadata.generation}"));
        Assert.Equal("0/4", (await cluster.Kubectl("get deployments -n scale")).Ok().Table().Row("web")["READY"]);

        // --current-replicas is a precondition checked against the Scale kubectl reads.
        var stale = (await cluster.Kubectl("scale deployment web -n scale --current-replicas=2 --replicas=5")).Fails();
        Assert.Contains("Expected replicas to be 2, was 4", stale.Stderr);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        (await cluster.Kubectl("create namespace smp")).Ok();
        (await cluster.Kubectl("apply -f -", Deployment("smp"))).Ok();

        var patched = await cluster.Kubectl("""patch deployment web -n smp -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}'""");
        Assert.Equal("deployment.apps/web patched", patched.Ok().Stdout.Trim());
        Assert.Equal("app=app:2 sidecar=sidecar:1 ", await Jsonpath("smp", "{range .spec.template.spec.containers[*]}{.name}={.image} {end}"));

        var again = await cluster.Kubectl("""patch deployment web -n smp -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}'""");
        Assert.Equal("deployment.apps/web patched (no change)", again.Ok().Stdout.Trim());
    }

    [Fact]
    public async Task Merge_and_json_patches_apply_and_bad_patches_are_refused()
    {
        (await cluster.Kubectl("create namespace patches")).Ok();
        (await cluster.Kubectl("apply -f -", Deployment("patches"))).Ok();

        (await cluster.Kubectl("""patch deployment web -n patches --type=merge -p '{"spec":{"minReadySeconds":5}}'""")).Ok();
        (await cluster.Kubectl("""patch deployment web -n patches --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'""")).Ok();
        Assert.Equal("5 3", await Jsonpath("patches", "{.spec.minReadySeconds} {.spec.replicas}"));

        var failed = (await cluster.Kubectl("""patch deployment web -n patches --type=json -p '[{"op":"test","path":"/spec/replicas","value":9}]'""")).Fails();
        // A failed "test" operation is 422 Invalid, which kubectl words as below.
        Assert.StartsWith("The request is invalid: ", failed.Stderr);
        Assert.Equal("3", await Jsonpath("patches", "{.spec.replicas}"));
    }
}
