namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl get` on the other served built-in kinds prints the apiserver's columns for each.</summary>
public class KubectlPrinterColumnsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Objects = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: printers
        - apiVersion: v1
          kind: Endpoints
          metadata:
            name: web
            namespace: printers
          subsets:
          - addresses:
            - ip: 10.0.0.1
            - ip: 10.0.0.2
            ports:
            - port: 80
            - port: 443
        - apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: nightly
            namespace: printers
          spec:
            schedule: "0 3 * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: OnFailure
                    containers:
                    - name: backup
                      image: backup:1
        - apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingWebhookConfiguration
          metadata:
            name: printers-check
          webhooks:
          - name: check.example.com
            admissionReviewVersions: [v1]
            sideEffects: None
            failurePolicy: Ignore
            clientConfig:
              url: https://127.0.0.1:1/check
            rules:
            - apiGroups: [example.com]
              apiVersions: [v1]
              operations: [CREATE]
              resources: [nothings]
        """;

    [Fact]
    public async Task Endpoints_cronjobs_and_webhook_configurations_print_their_columns()
    {
        (await cluster.Kubectl("apply -f -", Objects)).Ok();

        var endpoints = (await cluster.Kubectl("get endpoints -n printers")).Ok().Table();
        Assert.Equal(["NAME", "ENDPOINTS", "AGE"], endpoints.Columns);
        Assert.Equal("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", endpoints.Row("web")["ENDPOINTS"]);

        var cronJobs = (await cluster.Kubectl("get cronjobs -n printers -o wide")).Ok().Table();
        Assert.Equal(["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], cronJobs.Columns);
        var nightly = cronJobs.Row("nightly");
        Assert.Equal(("0 3 * * *", "<none>", "False", "0", "<none>"), (nightly["SCHEDULE"], nightly["TIMEZONE"], nightly["SUSPEND"], nightly["ACTIVE"], nightly["LAST SCHEDULE"]));
        Assert.Equal(("backup", "backup:1"), (nightly["CONTAINERS"], nightly["IMAGES"]));

        var webhooks = (await cluster.Kubectl("get validatingwebhookconfigurations")).Ok().Table();
        Assert.Equal(["NAME", "WEBHOOKS", "AGE"], webhooks.Columns);
        Assert.Equal("1", webhooks.Row("printers-check")["WEBHOOKS"]);
    }
}
