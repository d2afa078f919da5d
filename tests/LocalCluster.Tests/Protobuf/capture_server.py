"""Throwaway plain-HTTP API server used by capture.sh to record the exact bodies kubectl sends.

It answers /version and legacy discovery so kubectl believes it talks to a 1.32 cluster,
saves every write body to $CAPTURE_DIR/last.bin (and its Content-Type to last.ct), logs each
request to $CAPTURE_DIR/requests.log, and serves GETs of objects from $CAPTURE_DIR/objects/
(so `kubectl create job --from=cronjob/x` can read the CronJob it copies).
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OUT = os.environ["CAPTURE_DIR"]
# The version reported on /version; the /usr/bin/kubectl dispatcher runs the matching kubectl.
VERSION = os.environ.get("CAPTURE_VERSION", "1.32")

# (group/version, plural, singular, namespaced, kind, short names)
RESOURCES = [
    ("v1", "namespaces", "namespace", False, "Namespace", ["ns"]),
    ("v1", "configmaps", "configmap", True, "ConfigMap", ["cm"]),
    ("v1", "secrets", "secret", True, "Secret", []),
    ("v1", "serviceaccounts", "serviceaccount", True, "ServiceAccount", ["sa"]),
    ("v1", "services", "service", True, "Service", ["svc"]),
    ("v1", "pods", "pod", True, "Pod", ["po"]),
    ("v1", "resourcequotas", "resourcequota", True, "ResourceQuota", ["quota"]),
    ("apps/v1", "deployments", "deployment", True, "Deployment", ["deploy"]),
    ("apps/v1", "deployments/scale", "", True, "Scale", []),
    ("autoscaling/v1", "horizontalpodautoscalers", "horizontalpodautoscaler", True, "HorizontalPodAutoscaler", ["hpa"]),
    ("autoscaling/v2", "horizontalpodautoscalers", "horizontalpodautoscaler", True, "HorizontalPodAutoscaler", ["hpa"]),
    ("batch/v1", "jobs", "job", True, "Job", []),
    ("batch/v1", "cronjobs", "cronjob", True, "CronJob", ["cj"]),
    ("policy/v1", "poddisruptionbudgets", "poddisruptionbudget", True, "PodDisruptionBudget", ["pdb"]),
    ("rbac.authorization.k8s.io/v1", "roles", "role", True, "Role", []),
    ("rbac.authorization.k8s.io/v1", "rolebindings", "rolebinding", True, "RoleBinding", []),
    ("rbac.authorization.k8s.io/v1", "clusterroles", "clusterrole", False, "ClusterRole", []),
    ("rbac.authorization.k8s.io/v1", "clusterrolebindings", "clusterrolebinding", False, "ClusterRoleBinding", []),
    ("networking.k8s.io/v1", "ingresses", "ingress", True, "Ingress", ["ing"]),
    ("scheduling.k8s.io/v1", "priorityclasses", "priorityclass", False, "PriorityClass", ["pc"]),
]
VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]


def resource_list(gv):
    items = [{"name": p, "singularName": s, "namespaced": n, "kind": k, "verbs": VERBS, "shortNames": sn}
             for (g, p, s, n, k, sn) in RESOURCES if g == gv]
    if gv == "v1":
        items.append({"name": "serviceaccounts/token", "singularName": "", "namespaced": True,
                      "group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest", "verbs": ["create"]})
        items.append({"name": "pods/eviction", "singularName": "", "namespaced": True,
                      "group": "policy", "version": "v1", "kind": "Eviction", "verbs": ["create"]})
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": items}


def group_list():
    versions = {}
    for gv in dict.fromkeys(g for (g, *_rest) in RESOURCES if "/" in g):
        group, version = gv.split("/")
        versions.setdefault(group, []).append({"groupVersion": gv, "version": version})
    # The newest version is preferred, as on a real server (autoscaling/v2 over v1).
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": g, "versions": vs[::-1], "preferredVersion": vs[-1]} for g, vs in versions.items()]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self, body=b""):
        with open(os.path.join(OUT, "requests.log"), "a") as f:
            f.write(f"{self.command} {self.path} ct={self.headers.get('Content-Type')} len={len(body)}\n")

    def reply(self, code, obj):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.log()
        path = self.path.split("?")[0]
        if path == "/version":
            major, minor = VERSION.split(".")
            return self.reply(200, {"major": major, "minor": minor, "gitVersion": f"v{VERSION}.0"})
        if path == "/api":
            return self.reply(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
                {"clientCIDR": "0.0.0.0/0", "serverAddress": self.headers.get("Host")}]})
        if path == "/apis":
            return self.reply(200, group_list())
        if path == "/api/v1" or (path.startswith("/apis/") and path.count("/") == 3):
            return self.reply(200, resource_list(path[len("/api/"):] if path == "/api/v1" else path[len("/apis/"):]))
        stored = os.path.join(OUT, "objects", path.strip("/").replace("/", "_") + ".json")
        if os.path.exists(stored):
            with open(stored) as f:
                return self.reply(200, json.load(f))
        return self.reply(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404})

    def write(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.log(body)
        with open(os.path.join(OUT, "last.bin"), "wb") as f:
            f.write(body)
        with open(os.path.join(OUT, "last.ct"), "w") as f:
            f.write(self.headers.get("Content-Type", ""))
        # kubectl only prints the reply's name; a token request wants a status.token.
        self.reply(201, {"metadata": {"name": "captured"}, "status": {"token": "captured"}})

    do_POST = write
    do_PUT = write
    do_PATCH = write


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()
