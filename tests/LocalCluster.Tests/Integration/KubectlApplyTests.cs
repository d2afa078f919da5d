namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl create namespace`, `apply` (new, unchanged, configured) and `get` with the server's printer columns.</summary>
public class KubectlApplyTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static string Deployment(string ns, string image) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {{ns}}
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: {{image}}
        """;

    [Fact]
    public async Task Apply_creates_then_leaves_unchanged_then_configures()
    {
        Assert.Equal("namespace/apply created", (await cluster.Kubectl("create namespace apply")).Ok().Stdout.Trim());

        Assert.Equal("deployment.apps/web created", (await cluster.Kubectl("apply -f -", Deployment("apply", "nginx:1.25"))).Ok().Stdout.Trim());
        Assert.Equal("deployment.apps/web unchanged", (await cluster.Kubectl("apply -f -", Deployment("apply", "nginx:1.25"))).Ok().Stdout.Trim());
        Assert.Equal("deployment.apps/web configured", (await cluster.Kubectl("apply -f -", Deployment("apply", "nginx:1.27"))).Ok().Stdout.Trim());

        var fields = (await cluster.Kubectl("get deployment web -n apply -o jsonpath={.spec.template.spec.containers[0].image},{.metadata.generation}")).Ok();
        Assert.Equal("nginx:1.27,2", fields.Stdout);
    }

    [Fact]
    public async Task Get_prints_the_deployment_columns_and_wide_adds_containers_images_selector()
    {
        (await cluster.Kubectl("create namespace columns")).Ok();
        (await cluster.Kubectl("apply -f -", Deployment("columns", "nginx:1.25"))).Ok();

        var table = (await cluster.Kubectl("get deployments -n columns")).Ok().Table();
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], table.Columns);
        var web = table.Row("web");
        Assert.Equal("0/2", web["READY"]);
        Assert.Equal("0", web["AVAILABLE"]);
        Assert.Matches(@"^\d+s$", web["AGE"]);

        var wide = (await cluster.Kubectl("get deployments -n columns -o wide")).Ok().Table();
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], wide.Columns);
        Assert.Equal("nginx", wide.Row("web")["CONTAINERS"]);
        Assert.Equal("nginx:1.25", wide.Row("web")["IMAGES"]);
        Assert.Equal("app=web", wide.Row("web")["SELECTOR"]);
    }

    [Fact]
    public async Task Get_pods_shows_ready_status_restarts_and_wide_shows_ip_and_node()
    {
        (await cluster.Kubectl("create namespace pods")).Ok();
        (await cluster.Kubectl("run solo -n pods --image=busybox --labels=app=solo")).Ok();

        var table = (await cluster.Kubectl("get pods -n pods")).Ok().Table();
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], table.Columns);
        Assert.Equal("0/1", table.Row("solo")["READY"]);
        Assert.Equal("Pending", table.Row("solo")["STATUS"]);
        Assert.Equal("0", table.Row("solo")["RESTARTS"]);

        var wide = (await cluster.Kubectl("get pods -n pods -o wide --show-labels")).Ok().Table();
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES", "LABELS"], wide.Columns);
        Assert.Equal("<none>", wide.Row("solo")["NODE"]);
        Assert.Equal("app=solo", wide.Row("solo")["LABELS"]);
    }

    [Fact]
    public async Task Get_namespaces_and_missing_objects_read_like_a_real_cluster()
    {
        var namespaces = (await cluster.Kubectl("get namespaces")).Ok().Table();
        Assert.Equal(["NAME", "STATUS", "AGE"], namespaces.Columns);
        Assert.Equal("Active", namespaces.Row("kube-system")["STATUS"]);

        var missing = (await cluster.Kubectl("get configmap nothing-here")).Fails();
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Error from server (NotFound): configmaps \"nothing-here\" not found", missing.Stderr.Trim());

        var unknown = (await cluster.Kubectl("get widgets")).Fails();
        Assert.Contains("the server doesn't have a resource type \"widgets\"", unknown.Stderr);
    }
}
