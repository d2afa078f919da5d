using System.Text.Json.Nodes;

namespace Kruise.Actors.Admission;

/// <summary>
/// The Validating- and MutatingWebhookConfiguration the controller writes on start: its CloneSet
/// webhooks with the caBundle of its CA, failurePolicy Fail (a webhook that is down stops creates
/// rather than letting invalid objects in) and no side effects.
/// </summary>
public static class WebhookConfigurations
{
    public const string ValidatingName = "kruise-actors-validating";
    public const string MutatingName = "kruise-actors-mutating";
    public const string ValidateCloneSetPath = "/validate-apps-kruise-io-v1alpha1-cloneset";
    public const string MutateCloneSetPath = "/mutate-apps-kruise-io-v1alpha1-cloneset";
    public const string ValidateCloneSetWebhook = "validate.clonesets.kruise-actors.io";
    public const string MutateCloneSetWebhook = "default.clonesets.kruise-actors.io";

    /// <summary>Where the API server sends reviews: a URL base (https://host:port) or a Service.</summary>
    public sealed record Endpoint(Uri? BaseUrl, WebhookService? Service);

    public static JsonObject Validating(Endpoint endpoint, string caBundlePem, int timeoutSeconds) =>
        Configuration("ValidatingWebhookConfiguration", ValidatingName, Hook(ValidateCloneSetWebhook, ValidateCloneSetPath, endpoint, caBundlePem, timeoutSeconds));

    public static JsonObject Mutating(Endpoint endpoint, string caBundlePem, int timeoutSeconds)
    {
        var hook = Hook(MutateCloneSetWebhook, MutateCloneSetPath, endpoint, caBundlePem, timeoutSeconds);
        hook["reinvocationPolicy"] = "Never";
        return Configuration("MutatingWebhookConfiguration", MutatingName, hook);
    }

    private static JsonObject Configuration(string kind, string name, JsonObject hook) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "kruise-actors" },
        },
        ["webhooks"] = new JsonArray(hook),
    };

    private static JsonObject Hook(string name, string path, Endpoint endpoint, string caBundlePem, int timeoutSeconds)
    {
        var clientConfig = new JsonObject();
        if (endpoint.Service is { } service)
        {
            clientConfig["service"] = new JsonObject
            {
                ["namespace"] = service.Namespace,
                ["name"] = service.Name,
                ["path"] = path,
                ["port"] = service.Port,
            };
        }
        else
        {
            clientConfig["url"] = new Uri(endpoint.BaseUrl ?? throw new ArgumentException("an endpoint needs a URL or a service", nameof(endpoint)), path).ToString();
        }
        clientConfig["caBundle"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(caBundlePem));
        return new JsonObject
        {
            ["name"] = name,
            ["clientConfig"] = clientConfig,
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray("apps.kruise.io"),
                ["apiVersions"] = new JsonArray("v1alpha1"),
                ["operations"] = new JsonArray("CREATE", "UPDATE"),
                ["resources"] = new JsonArray("clonesets"),
                ["scope"] = "Namespaced",
            }),
            ["failurePolicy"] = "Fail",
            ["matchPolicy"] = "Equivalent",
            ["sideEffects"] = "None",
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["timeoutSeconds"] = timeoutSeconds,
        };
    }
}
