using System.Text;
using System.Text.Json.Nodes;
using Kruise.Actors.Admission;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.Tests.Admission;

/// <summary>What the CloneSet webhooks answer, review body in, HTTP status and AdmissionReview out.</summary>
public sealed class CloneSetAdmissionTests
{
    private static (int Status, JsonObject? Response, string Body) Validate(string review) => Answer(review, CloneSetAdmission.Validate);

    private static (int Status, JsonObject? Response, string Body) Default(string review) => Answer(review, CloneSetAdmission.Default);

    private static (int Status, JsonObject? Response, string Body) Answer(string review, Func<AdmissionRequest, AdmissionResponse> decide)
    {
        var (status, body) = AdmissionServer.Handle(review, decide);
        var response = status == 200 ? (JsonNode.Parse(body)!["response"] as JsonObject) : null;
        if (status == 200)
        {
            Assert.Equal("admission.k8s.io/v1", JsonNode.Parse(body)!["apiVersion"]!.GetValue<string>());
            Assert.Equal("0d1f8a52-5b7e-4c11-9c0e-2f4a9e1d7b10", response!["uid"]!.GetValue<string>());
        }
        return (status, response, body);
    }

    private static bool Allowed(JsonObject? response) => response!["allowed"]!.GetValue<bool>();

    private static string Message(JsonObject? response) => response!["status"]!["message"]!.GetValue<string>();

    private static int Code(JsonObject? response) => response!["status"]!["code"]!.GetValue<int>();

    [Fact]
    public void A_valid_CloneSet_is_allowed_on_create_and_update()
    {
        var cloneSet = Reviews.CloneSet(spec: s => Reviews.UpdateStrategy(s, "InPlaceIfPossible", maxSurge: "1"));
        var scaled = Reviews.CloneSet(spec: s =>
        {
            Reviews.UpdateStrategy(s, "InPlaceIfPossible", maxSurge: "1");
            s["replicas"] = 10;
        });

        Assert.True(Allowed(Validate(Reviews.Review("CREATE", cloneSet)).Response));
        Assert.True(Allowed(Validate(Reviews.Review("UPDATE", scaled, cloneSet)).Response));
    }

    [Theory]
    [InlineData("InPlaceOnly", "1", null, "spec.updateStrategy.maxSurge: must be 0 with InPlaceOnly")]
    [InlineData("ReCreate", "150%", null, "spec.updateStrategy.maxSurge: must not be greater than 100%")]
    [InlineData("ReCreate", null, "-1", "spec.updateStrategy.partition: must be >= 0")]
    [InlineData("ReCreate", null, "ten", "spec.updateStrategy.partition: invalid value \"ten\"")]
    [InlineData("Rolling", null, null, "spec.updateStrategy.type: unsupported value \"Rolling\"")]
    public void An_invalid_strategy_is_denied_with_422_naming_the_field(string type, string? maxSurge, string? partition, string expected)
    {
        var review = Reviews.Review("CREATE", Reviews.CloneSet(spec: s => Reviews.UpdateStrategy(s, type, maxSurge, partition)));

        var (status, response, _) = Validate(review);

        Assert.Equal(200, status);
        Assert.False(Allowed(response));
        Assert.Equal(422, Code(response));
        Assert.Equal("Invalid", response!["status"]!["reason"]!.GetValue<string>());
        Assert.StartsWith(expected, Message(response), StringComparison.Ordinal);
        var field = expected[..expected.IndexOf(':', StringComparison.Ordinal)];
        var details = response["status"]!["details"]!;
        Assert.Contains(details["causes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == field);
        // kubectl names the object from the details: The CloneSet "web" is invalid: ...
        Assert.Equal(("web", "CloneSet", "apps.kruise.io"), (details["name"]!.GetValue<string>(), details["kind"]!.GetValue<string>(), details["group"]!.GetValue<string>()));
    }

    [Fact]
    public void Several_errors_are_listed_together_each_with_its_field()
    {
        var review = Reviews.Review("CREATE", Reviews.CloneSet(spec: s =>
        {
            Reviews.UpdateStrategy(s, "InPlaceOnly", maxSurge: "2", partition: "-3");
            s["replicas"] = -1;
        }));

        var message = Message(Validate(review).Response);

        Assert.StartsWith("[", message, StringComparison.Ordinal);
        Assert.Contains("spec.replicas: ", message, StringComparison.Ordinal);
        Assert.Contains("spec.updateStrategy.partition: must be >= 0", message, StringComparison.Ordinal);
        Assert.Contains("spec.updateStrategy.maxSurge: must be 0 with InPlaceOnly", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_selector_on_update_is_denied()
    {
        var old = Reviews.CloneSet();
        var changed = Reviews.CloneSet(spec: s =>
        {
            s["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web", ["tier"] = "front" } };
            s["template"]!["metadata"]!["labels"]!["tier"] = "front";
        });

        var (_, response, _) = Validate(Reviews.Review("UPDATE", changed, old));

        Assert.False(Allowed(response));
        Assert.StartsWith("spec.selector: ", Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_object_is_still_allowed_to_be_deleted_and_its_status_written()
    {
        var invalid = Reviews.CloneSet(spec: s => s["replicas"] = -1);

        Assert.True(Allowed(Validate(Reviews.Review("DELETE", null, invalid)).Response));
        Assert.True(Allowed(Validate(Reviews.Review("UPDATE", invalid, invalid, subResource: "status")).Response));
    }

    [Theory]
    [InlineData("not json at all", "malformed AdmissionReview: the body is not JSON")]
    [InlineData("[1,2]", "malformed AdmissionReview: the body is not an AdmissionReview object")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"u"}}""", "expected kind AdmissionReview of admission.k8s.io/v1, got kind \"AdmissionReview\" of \"admission.k8s.io/v1beta1\"")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "the AdmissionReview has no request")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}""", "the AdmissionReview request has no uid")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","object":"x"}}""", "request.object is not an object")]
    public void A_review_that_cannot_be_read_gets_400_with_the_reason(string body, string expected)
    {
        var (status, _, text) = Validate(body);

        Assert.Equal(400, status);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_that_is_not_a_CloneSet_is_denied_with_400_not_a_crash()
    {
        var wrongType = Reviews.CloneSet(spec: s => s["replicas"] = "three");
        var noObject = Reviews.Review("CREATE", null);
        var updateWithoutOld = Reviews.Review("UPDATE", Reviews.CloneSet());
        var otherKind = Reviews.Review("CREATE", Reviews.CloneSet(), kind: "StatefulSet");

        var cases = new[]
        {
            (Reviews.Review("CREATE", wrongType), "request.object is not a CloneSet", true),
            (noObject, "the review carries no object", true),
            (updateWithoutOld, "the review carries no oldObject", false), // defaulting needs no old object
            (otherKind, "this webhook admits apps.kruise.io CloneSets, not StatefulSet.apps.kruise.io", true),
        };
        foreach (var (review, expected, alsoDefaulting) in cases)
        {
            var answers = alsoDefaulting ? new[] { Validate(review), Default(review) } : [Validate(review)];
            foreach (var answer in answers)
            {
                Assert.Equal(200, answer.Status);
                Assert.False(Allowed(answer.Response));
                Assert.Equal(400, Code(answer.Response));
                Assert.StartsWith(expected, Message(answer.Response), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Defaults_come_as_a_base64_JSON_patch_that_fills_what_OpenKruise_defaults()
    {
        var cloneSet = Reviews.CloneSet(spec: s => s.Remove("replicas"));
        // A field the types do not model survives: the patch only adds defaults.
        cloneSet["spec"]!["template"]!["spec"]!["os"] = new JsonObject { ["name"] = "linux" };
        cloneSet["metadata"]!["annotations"] = new JsonObject { ["example.com/owner"] = "team-a" };

        var (_, response, _) = Default(Reviews.Review("CREATE", cloneSet));

        Assert.True(Allowed(response));
        Assert.Equal("JSONPatch", response!["patchType"]!.GetValue<string>());
        var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(response["patch"]!.GetValue<string>())))!;
        Assert.DoesNotContain(patch.AsArray(), op => op!["op"]!.GetValue<string>() == "remove");
        var defaulted = JsonPatch.Apply(cloneSet, patch);
        var spec = defaulted["spec"]!;
        Assert.Equal(1, spec["replicas"]!.GetValue<int>());
        Assert.Equal(10, spec["revisionHistoryLimit"]!.GetValue<int>());
        Assert.Equal("ReCreate", spec["updateStrategy"]!["type"]!.GetValue<string>());
        Assert.Equal("20%", spec["updateStrategy"]!["maxUnavailable"]!.ToString());
        Assert.Equal("0", spec["updateStrategy"]!["partition"]!.ToString());
        Assert.Equal("IfNotPresent", spec["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("linux", spec["template"]!["spec"]!["os"]!["name"]!.GetValue<string>());
        Assert.Equal("team-a", defaulted["metadata"]!["annotations"]!["example.com/owner"]!.GetValue<string>());
    }

    [Fact]
    public void A_fully_defaulted_CloneSet_gets_no_patch()
    {
        var cloneSet = Reviews.CloneSet();
        var (_, first, _) = Default(Reviews.Review("CREATE", cloneSet));
        var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(first!["patch"]!.GetValue<string>())))!;
        var defaulted = JsonPatch.Apply(cloneSet, patch);

        var (_, again, _) = Default(Reviews.Review("UPDATE", defaulted, defaulted));

        Assert.True(Allowed(again));
        Assert.Null(again!["patch"]);
        Assert.Null(again["patchType"]);
    }

    [Fact]
    public void Defaulting_leaves_status_and_scale_writes_alone()
    {
        var cloneSet = Reviews.CloneSet(spec: s => s.Remove("replicas"));

        var (_, response, _) = Default(Reviews.Review("UPDATE", cloneSet, cloneSet, subResource: "status"));

        Assert.True(Allowed(response));
        Assert.Null(response!["patch"]);
    }

    [Theory]
    [InlineData("InPlaceOnly", "image", true, "")]
    [InlineData("InPlaceOnly", "label", true, "")]
    [InlineData("InPlaceOnly", "env", false, "spec.template: only container images, labels and annotations may change with updateStrategy.type InPlaceOnly, but spec.template.spec.containers[0].env changed")]
    [InlineData("InPlaceOnly", "container", false, "spec.template: only container images, labels and annotations may change with updateStrategy.type InPlaceOnly, but spec.template.spec.containers changed (from 1 to 2 containers)")]
    [InlineData("InPlaceIfPossible", "env", true, "")]
    [InlineData("ReCreate", "container", true, "")]
    public void Under_InPlaceOnly_a_template_change_that_cannot_be_made_in_place_is_denied(string type, string change, bool allowed, string expected)
    {
        var old = Reviews.CloneSet(spec: s => Reviews.UpdateStrategy(s, type));
        var changed = Reviews.CloneSet(spec: s =>
        {
            Reviews.UpdateStrategy(s, type);
            var template = s["template"]!;
            var container = template["spec"]!["containers"]![0]!;
            switch (change)
            {
                case "image": container["image"] = "nginx:1.26"; break;
                case "label": template["metadata"]!["labels"]!["release"] = "b"; break;
                case "env": container["env"] = new JsonArray(new JsonObject { ["name"] = "MODE", ["value"] = "fast" }); break;
                default: template["spec"]!["containers"]!.AsArray().Add(new JsonObject { ["name"] = "sidecar", ["image"] = "busybox" }); break;
            }
        });

        var (_, response, _) = Validate(Reviews.Review("UPDATE", changed, old));

        Assert.Equal(allowed, Allowed(response));
        if (!allowed)
            Assert.Equal(expected, Message(response));
    }
}
