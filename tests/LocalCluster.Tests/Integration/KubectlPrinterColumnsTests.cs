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

    private const string PolicyObjects = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: policies
        - apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata:
            name: web
            namespace: policies
          spec:
            maxUnavailable: 25%
            selector:
              matchLabels: {app: web}
        - apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata:
            name: web
            namespace: policies
          spec:
            scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
            minReplicas: 2
            maxReplicas: 6
            metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
        - apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: web
            namespace: policies
          spec:
            ingressClassName: nginx
            rules:
            - host: shop.example.com
              http:
                paths:
                - path: /
                  pathType: Prefix
                  backend: {service: {name: web, port: {number: 80}}}
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata:
            name: readers
            namespace: policies
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
          subjects:
          - {kind: ServiceAccount, name: reader, namespace: policies}
        - apiVersion: storage.k8s.io/v1
          kind: StorageClass
          metadata:
            name: printers-standard
            annotations: {storageclass.kubernetes.io/is-default-class: "true"}
          provisioner: example.com/local
          volumeBindingMode: WaitForFirstConsumer
        - apiVersion: scheduling.k8s.io/v1
          kind: PriorityClass
          metadata:
            name: printers-high
          value: 1000
          preemptionPolicy: Never
        - apiVersion: v1
          kind: PersistentVolume
          metadata:
            name: printers-pv
          spec:
            capacity: {storage: 5Gi}
            accessModes: [ReadWriteOnce]
            persistentVolumeReclaimPolicy: Retain
            storageClassName: printers-standard
            hostPath: {path: /tmp/printers-pv}
        - apiVersion: v1
          kind: LimitRange
          metadata:
            name: defaults
            namespace: policies
          spec:
            limits:
            - type: Container
              default: {cpu: 500m}
        """;

    [Fact]
    public async Task Policy_scaling_routing_access_and_storage_kinds_print_their_columns()
    {
        (await cluster.Kubectl("apply -f -", PolicyObjects)).Ok();

        var budgets = (await cluster.Kubectl("get pdb -n policies")).Ok().Table();
        Assert.Equal(["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"], budgets.Columns);
        Assert.Equal(("N/A", "25%", "0"), (budgets.Row("web")["MIN AVAILABLE"], budgets.Row("web")["MAX UNAVAILABLE"], budgets.Row("web")["ALLOWED DISRUPTIONS"]));

        var autoscalers = (await cluster.Kubectl("get hpa -n policies")).Ok().Table();
        Assert.Equal(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], autoscalers.Columns);
        var hpa = autoscalers.Row("web");
        Assert.Equal(("Deployment/web", "cpu: <unknown>/70%", "2", "6"), (hpa["REFERENCE"], hpa["TARGETS"], hpa["MINPODS"], hpa["MAXPODS"]));

        var ingresses = (await cluster.Kubectl("get ingress -n policies")).Ok().Table();
        Assert.Equal(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], ingresses.Columns);
        Assert.Equal(("nginx", "shop.example.com", "80"), (ingresses.Row("web")["CLASS"], ingresses.Row("web")["HOSTS"], ingresses.Row("web")["PORTS"]));

        var bindings = (await cluster.Kubectl("get rolebindings -n policies -o wide")).Ok().Table();
        Assert.Equal(["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"], bindings.Columns);
        Assert.Equal(("ClusterRole/view", "policies/reader"), (bindings.Row("readers")["ROLE"], bindings.Row("readers")["SERVICEACCOUNTS"]));

        var classes = (await cluster.Kubectl("get storageclass printers-standard")).Ok().Table();
        Assert.Equal(["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"], classes.Columns);
        var standard = classes.Row("printers-standard (default)");
        Assert.Equal(("example.com/local", "Delete", "WaitForFirstConsumer", "false"), (standard["PROVISIONER"], standard["RECLAIMPOLICY"], standard["VOLUMEBINDINGMODE"], standard["ALLOWVOLUMEEXPANSION"]));

        var priorities = (await cluster.Kubectl("get priorityclass printers-high")).Ok().Table();
        Assert.Equal(["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"], priorities.Columns);
        Assert.Equal(("1000", "false", "Never"), (priorities.Row("printers-high")["VALUE"], priorities.Row("printers-high")["GLOBAL-DEFAULT"], priorities.Row("printers-high")["PREEMPTIONPOLICY"]));

        var volumes = (await cluster.Kubectl("get pv printers-pv")).Ok().Table();
        Assert.Equal(["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"], volumes.Columns);
        var pv = volumes.Row("printers-pv");
        Assert.Equal(("5Gi", "RWO", "Retain", "printers-standard"), (pv["CAPACITY"], pv["ACCESS MODES"], pv["RECLAIM POLICY"], pv["STORAGECLASS"]));

        var limits = (await cluster.Kubectl("get limitranges -n policies")).Ok().Table();
        Assert.Equal(["NAME", "CREATED AT"], limits.Columns);
        Assert.Equal("defaults", Assert.Single(limits.Rows)["NAME"]);
    }
}
