using System.Text.RegularExpressions;
using k8s.Models;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Validation;

/// <summary>Checks every kind shares: names, selectors, int-or-string values, pod templates.</summary>
public static partial class CommonValidation
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    public static bool IsDns1123Label(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63 && Dns1123Label().IsMatch(value);

    public static bool IsDns1123Subdomain(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 253 && Dns1123Subdomain().IsMatch(value);

    /// <summary>metadata.name must be a DNS-1123 subdomain (generateName objects are named by the server).</summary>
    public static void ObjectName(V1ObjectMeta? metadata, List<FieldError> errors, int maxLength = 253)
    {
        var name = metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            if (string.IsNullOrEmpty(metadata?.GenerateName))
                errors.Add(new("metadata.name", "name or generateName is required"));
            return;
        }
        if (!IsDns1123Subdomain(name))
            errors.Add(new("metadata.name", $"invalid value \"{name}\": must be a lowercase RFC 1123 subdomain"));
        else if (name.Length > maxLength)
            errors.Add(new("metadata.name", $"must be no more than {maxLength} characters"));
    }

    public static void NonNegative(string path, long? value, List<FieldError> errors)
    {
        if (value < 0)
            errors.Add(new(path, "must be >= 0"));
    }

    /// <summary>An int (>= 0) or a percentage from 0% to 100%.</summary>
    public static void IntOrPercent(string path, IntOrString? value, List<FieldError> errors)
    {
        if (value is null)
            return;
        if (!IntOrStringValues.TryParse(value, out var number, out var isPercent))
        {
            errors.Add(new(path, $"invalid value \"{value.Value}\": must be an integer or a percentage such as \"20%\""));
            return;
        }
        if (number < 0)
            errors.Add(new(path, "must be >= 0"));
        else if (isPercent && number > 100)
            errors.Add(new(path, "must not be greater than 100%"));
    }

    /// <summary>A required, non-empty, well-formed label selector.</summary>
    public static void Selector(string path, V1LabelSelector? selector, List<FieldError> errors, bool required = true)
    {
        if (selector is null)
        {
            if (required)
                errors.Add(new(path, "is required"));
            return;
        }
        if (required && LabelSelectors.IsEmpty(selector))
            errors.Add(new(path, "empty selector is invalid"));
        var index = 0;
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var at = $"{path}.matchExpressions[{index++}]";
            if (string.IsNullOrEmpty(requirement.Key))
                errors.Add(new($"{at}.key", "is required"));
            var hasValues = (requirement.Values?.Count ?? 0) > 0;
            switch (requirement.OperatorProperty)
            {
                case "In" or "NotIn" when !hasValues:
                    errors.Add(new($"{at}.values", "must be specified when operator is In or NotIn"));
                    break;
                case "Exists" or "DoesNotExist" when hasValues:
                    errors.Add(new($"{at}.values", "may not be specified when operator is Exists or DoesNotExist"));
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    errors.Add(new($"{at}.operator", $"unsupported value \"{requirement.OperatorProperty}\": must be one of In, NotIn, Exists, DoesNotExist"));
                    break;
            }
        }
    }

    /// <summary>The selector must select the pods the template creates, or the workload would orphan them.</summary>
    public static void SelectorMatchesTemplate(string path, V1LabelSelector? selector, V1PodTemplateSpec? template, List<FieldError> errors)
    {
        if (selector is null || template is null || LabelSelectors.IsEmpty(selector))
            return;
        if (!LabelSelectors.Matches(selector, template.Metadata?.Labels))
            errors.Add(new(path, "does not match template labels"));
    }

    /// <summary>The parts of a pod template a controller relies on: containers with unique names and images.</summary>
    public static void PodTemplate(string path, V1PodTemplateSpec? template, List<FieldError> errors, IReadOnlyCollection<string>? allowedRestartPolicies = null)
    {
        if (template is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }
        var spec = template.Spec;
        if (spec is null)
        {
            errors.Add(new($"{path}.spec", "is required"));
            return;
        }
        if ((spec.Containers?.Count ?? 0) == 0)
            errors.Add(new($"{path}.spec.containers", "must have at least one container"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        Containers($"{path}.spec.initContainers", spec.InitContainers, names, errors);
        Containers($"{path}.spec.containers", spec.Containers, names, errors);
        if (allowedRestartPolicies is not null && spec.RestartPolicy is { } policy && !allowedRestartPolicies.Contains(policy))
            errors.Add(new($"{path}.spec.restartPolicy", $"unsupported value \"{policy}\": must be one of {string.Join(", ", allowedRestartPolicies)}"));
    }

    /// <summary>
    /// Container names (lowercase labels, unique within <paramref name="names"/>, which a pod's init and
    /// regular containers share) and images.
    /// </summary>
    public static void Containers(string path, IEnumerable<V1Container>? containers, HashSet<string> names, List<FieldError> errors)
    {
        var index = 0;
        foreach (var container in containers ?? [])
        {
            var at = $"{path}[{index++}]";
            if (!IsDns1123Label(container.Name))
                errors.Add(new($"{at}.name", $"invalid value \"{container.Name}\": must be a lowercase RFC 1123 label"));
            else if (!names.Add(container.Name))
                errors.Add(new($"{at}.name", $"duplicate value \"{container.Name}\""));
            if (string.IsNullOrWhiteSpace(container.Image))
                errors.Add(new($"{at}.image", "is required"));
        }
    }

    /// <summary>An immutable field changed between the old and new object.</summary>
    public static void Immutable(string path, object? oldValue, object? newValue, List<FieldError> errors)
    {
        if (!SameJson(oldValue, newValue))
            errors.Add(new(path, "field is immutable"));
    }

    /// <summary>Equal as the API sees them: same JSON, map keys in any order.</summary>
    public static bool SameJson(object? left, object? right) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(ToJsonNode(left), ToJsonNode(right));

    private static System.Text.Json.Nodes.JsonNode? ToJsonNode(object? value) =>
        value is null ? null : System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(value));
}
