#!/usr/bin/env bash
# Records the protobuf bodies real kubectl sends for `kubectl create <generator>` (and
# `kubectl autoscale`) and, for each, the JSON kubectl prints for the same command with
# --dry-run=client -o json. KubeProtobufFixtureTests decode every
# Fixtures/kubectl-<version>/<case>.b64 and compare it with <case>.json.
#
#   ./capture.sh [VERSION...]      (default: 1.32 1.33; rewrites Fixtures/kubectl-<VERSION>/)
#
# Needs python3, openssl, curl and /usr/bin/kubectl, a dispatcher that runs the kubectl whose
# minor version matches the server's /version; capture_server.py reports VERSION. kubectl
# before 1.32 sends these bodies as JSON, so there is nothing to record for it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT # the capture servers this script started

capture_version() {
    local version="$1"
    local fixtures="$here/Fixtures/kubectl-$version"
    local work; work="$(mktemp -d)"
    rm -rf "$fixtures"; mkdir -p "$fixtures" "$work/objects"

    local port; port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    CAPTURE_DIR="$work" CAPTURE_VERSION="$version" python3 "$here/capture_server.py" "$port" &
    local server_pid=$!
    cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: capture, cluster: {server: "http://127.0.0.1:$port"}}]
users: [{name: capture, user: {}}]
contexts: [{name: capture, context: {cluster: capture, user: capture, namespace: default}}]
current-context: capture
EOF
    export KUBECONFIG="$work/kubeconfig"
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/version" >/dev/null && break; sleep 0.1; done

    # Inputs the generators read from files: a text file, a binary file (-> binaryData), a TLS pair.
    printf 'log.level=debug\nfeature.x=true\n' >"$work/app.properties"
    printf '\x00\x01\x02\xff\xfebinary' >"$work/blob.bin"
    # A throwaway self-signed pair (EC keeps the fixture small); kubectl checks that they match.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj /CN=demo.example.com \
        -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null

    # Objects the server returns to commands that read before they write, with server fields set.
    stored() { python3 -c 'import json,sys; o=json.load(sys.stdin); o["metadata"].update(namespace="default", uid=sys.argv[1], resourceVersion="7"); print(json.dumps(o))' "$1"; }
    kubectl create cronjob nightly --image=busybox:1.36 --schedule='0 3 * * *' --restart=OnFailure --dry-run=client -o json -- date |
        stored 0b5c5d0e-1111-4a2b-9c3d-123456789abc >"$work/objects/apis_batch_v1_namespaces_default_cronjobs_nightly.json"
    kubectl create deployment web --image=nginx:1.27 --dry-run=client -o json |
        stored 5f1d2c3b-2222-4a2b-9c3d-123456789abc >"$work/objects/apis_apps_v1_namespaces_default_deployments_web.json"
    # A CronJob whose job template uses most PodSpec and Job fields: `create job --from` copies
    # it, so kubectl itself encodes a rich PodSpec (no generator sets env, probes, volumes, ...).
    cp "$here/rich-cronjob.json" "$work/objects/apis_batch_v1_namespaces_default_cronjobs_rich.json"

    # capture <case> <kubectl args...>: the dry-run JSON, then the bytes of the real request.
    capture() {
        local name="$1"; shift
        if [[ "$2" != token ]]; then # `create token` has no dry-run; see token.json below
            # The dry-run flags must precede a `--` that starts the container command.
            local -a dry=() placed=""
            for arg in "$@"; do
                if [[ "$arg" == -- && -z "$placed" ]]; then dry+=(--dry-run=client -o json); placed=1; fi
                dry+=("$arg")
            done
            [[ -n "$placed" ]] || dry+=(--dry-run=client -o json)
            kubectl "${dry[@]}" >"$fixtures/$name.json"
        fi
        rm -f "$work/last.bin" "$work/last.ct"
        kubectl "$@" >/dev/null
        local ct; ct="$(cat "$work/last.ct")"
        [[ "$ct" == application/vnd.kubernetes.protobuf* ]] || { echo "$version $name: kubectl sent $ct, not protobuf" >&2; return 1; }
        base64 -w 76 "$work/last.bin" >"$fixtures/$name.b64"
        echo "kubectl $version: captured $name ($(stat -c %s "$work/last.bin") bytes)"
    }

    capture namespace create namespace demo
    capture configmap-literals create configmap app-config -n team-a --from-literal=mode=debug --from-literal=greeting='hello <world> & "friends"'
    capture configmap-files create configmap files --from-file="$work/app.properties" --from-file=blob="$work/blob.bin" --append-hash --save-config
    capture secret-generic create secret generic db-creds --from-literal=user=admin --from-literal=password='s3cr<et>&' --type=Opaque
    capture secret-docker-registry create secret docker-registry regcred --docker-server=registry.example.com --docker-username=bot --docker-password=pa55 --docker-email=bot@example.com
    capture secret-tls create secret tls web-tls --cert="$work/tls.crt" --key="$work/tls.key"
    capture serviceaccount create serviceaccount builder -n team-a
    capture service-clusterip create service clusterip web --tcp=80:8080 --tcp=443:8443
    capture service-headless create service clusterip headless --clusterip=None
    capture service-nodeport create service nodeport web-np --tcp=80:8080 --node-port=30080
    capture service-loadbalancer create service loadbalancer web-lb --tcp=80:http
    capture service-externalname create service externalname ext --external-name=example.com
    capture deployment create deployment web --image=nginx:1.27 --replicas=3 --port=80
    capture deployment-multi create deployment multi --image=nginx:1.27 --image=busybox:1.36
    capture deployment-command create deployment runner --image=busybox:1.36 -- sleep 3600
    capture job create job once --image=busybox:1.36 -- echo hi
    capture cronjob create cronjob nightly --image=busybox:1.36 --schedule='0 3 * * *' --restart=OnFailure -- date
    capture job-from-cronjob create job manual-1 --from=cronjob/nightly
    capture job-from-rich-cronjob create job rich-manual --from=cronjob/rich
    capture pdb-min-available create poddisruptionbudget web-pdb --selector=app=web --min-available=2
    capture pdb-max-unavailable create poddisruptionbudget web-pdb2 --selector=app=web --max-unavailable=50%
    capture priorityclass create priorityclass high --value=1000 --description='high priority' --preemption-policy=Never
    capture quota create quota compute --hard=cpu=2,memory=4Gi,pods=10 --scopes=NotTerminating
    capture role create role pod-reader --verb=get,list,watch --resource=pods,deployments.apps --resource-name=web
    capture clusterrole create clusterrole health-reader --verb=get --non-resource-url=/healthz --non-resource-url=/livez
    capture clusterrole-aggregate create clusterrole monitoring --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true
    capture rolebinding create rolebinding readers --role=pod-reader --user=alice --group=devs --serviceaccount=team-a:builder
    capture clusterrolebinding create clusterrolebinding viewers --clusterrole=view --user=bob
    capture ingress create ingress simple --class=nginx --rule='foo.example.com/bar*=svc1:8080,tls=my-cert' --default-backend=defsvc:http --annotation=team=web
    capture token create token builder -n team-a --audience=api --duration=1h
    # What Go writes for the TokenRequest kubectl sends (its fields decoded by hand from token.b64:
    # spec{audiences:[api], expirationSeconds:3600}, everything else zero).
    cat >"$fixtures/token.json" <<'EOF'
{
    "kind": "TokenRequest",
    "apiVersion": "authentication.k8s.io/v1",
    "metadata": {
        "creationTimestamp": null
    },
    "spec": {
        "audiences": [
            "api"
        ],
        "expirationSeconds": 3600,
        "boundObjectRef": null
    },
    "status": {
        "token": "",
        "expirationTimestamp": null
    }
}
EOF
    # Not a `create` generator, but it POSTs a HorizontalPodAutoscaler as protobuf too
    # (autoscaling/v1 from kubectl 1.32, autoscaling/v2 from 1.33).
    capture autoscale autoscale deployment web --min=2 --max=5 --cpu-percent=50

    echo "kubectl $version writes:"; grep -v '^GET' "$work/requests.log" | sed 's/^/  /'
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}

for version in "${@:-1.32 1.33}"; do
    for v in $version; do capture_version "$v"; done
done
