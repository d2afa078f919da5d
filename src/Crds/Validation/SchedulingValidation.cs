using System.Text.RegularExpressions;
using k8s.Models;

namespace Kruise.Actors.Crds.Validation;

/// <summary>
/// Checks of the scheduling pieces subsets carry (node selector terms, preferred terms,
/// tolerations), as the API server checks them in a pod spec, and the label syntax they use.
/// </summary>
public static partial class SchedulingValidation
{
    private static readonly string[] TolerationEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNamePart();

    /// <summary>A label key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters.</summary>
    public static bool IsQualifiedName(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return false;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (slash >= 0 && !CommonValidation.IsDns1123Subdomain(value[..slash]))
            return false;
        return name.Length <= 63 && QualifiedNamePart().IsMatch(name);
    }

    /// <summary>A label value: empty, or at most 63 alphanumerics with '-', '_' or '.' inside.</summary>
    public static bool IsLabelValue(string? value) =>
        string.IsNullOrEmpty(value) || (value.Length <= 63 && QualifiedNamePart().IsMatch(value));

    public static void NodeSelectorTerm(string path, V1NodeSelectorTerm? term, List<FieldError> errors)
    {
        if (term is null)
            return;
        for (var i = 0; i < (term.MatchExpressions?.Count ?? 0); i++)
            NodeSelectorRequirement($"{path}.matchExpressions[{i}]", term.MatchExpressions![i], errors);
        for (var i = 0; i < (term.MatchFields?.Count ?? 0); i++)
        {
            var at = $"{path}.matchFields[{i}]";
            var requirement = term.MatchFields![i];
            if (requirement.Key != "metadata.name")
                errors.Add(new($"{at}.key", $"unsupported value \"{requirement.Key}\": must be metadata.name"));
            if (requirement.OperatorProperty is not ("In" or "NotIn"))
                errors.Add(new($"{at}.operator", $"unsupported value \"{requirement.OperatorProperty}\": must be one of In, NotIn"));
            else if (requirement.Values?.Count != 1)
                errors.Add(new($"{at}.values", "must have exactly one value"));
        }
    }

    public static void PreferredSchedulingTerms(string path, IList<V1PreferredSchedulingTerm>? terms, List<FieldError> errors)
    {
        for (var i = 0; i < (terms?.Count ?? 0); i++)
        {
            var term = terms![i];
            CommonValidation.InRange($"{path}[{i}].weight", term.Weight, 1, 100, errors);
            if (term.Preference is null)
                errors.Add(new($"{path}[{i}].preference", "is required"));
            else
                NodeSelectorTerm($"{path}[{i}].preference", term.Preference, errors);
        }
    }

    public static void Tolerations(string path, IList<V1Toleration>? tolerations, List<FieldError> errors)
    {
        for (var i = 0; i < (tolerations?.Count ?? 0); i++)
        {
            var toleration = tolerations![i];
            var at = $"{path}[{i}]";
            var operation = toleration.OperatorProperty;
            if (!string.IsNullOrEmpty(toleration.Key) && !IsQualifiedName(toleration.Key))
                errors.Add(new($"{at}.key", $"invalid value \"{toleration.Key}\": must be a qualified name"));
            if (string.IsNullOrEmpty(toleration.Key) && operation != "Exists")
                errors.Add(new($"{at}.operator", "must be Exists when key is empty"));
            if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
                errors.Add(new($"{at}.effect", "must be NoExecute when tolerationSeconds is set"));
            switch (operation)
            {
                case null or "" or "Equal":
                    if (!IsLabelValue(toleration.Value))
                        errors.Add(new($"{at}.value", $"invalid value \"{toleration.Value}\": must be a valid label value"));
                    break;
                case "Exists":
                    if (!string.IsNullOrEmpty(toleration.Value))
                        errors.Add(new($"{at}.value", "must be empty when operator is Exists"));
                    break;
                default:
                    errors.Add(new($"{at}.operator", $"unsupported value \"{operation}\": must be one of Equal, Exists"));
                    break;
            }
            if (!string.IsNullOrEmpty(toleration.Effect) && !TolerationEffects.Contains(toleration.Effect))
                errors.Add(new($"{at}.effect", $"unsupported value \"{toleration.Effect}\": must be one of {string.Join(", ", TolerationEffects)}"));
        }
    }

    private static void NodeSelectorRequirement(string at, V1NodeSelectorRequirement requirement, List<FieldError> errors)
    {
        if (!IsQualifiedName(requirement.Key))
            errors.Add(new($"{at}.key", $"invalid value \"{requirement.Key}\": must be a qualified name"));
        var values = requirement.Values ?? [];
        switch (requirement.OperatorProperty)
        {
            case "In" or "NotIn" when values.Count == 0:
                errors.Add(new($"{at}.values", "must be specified when operator is In or NotIn"));
                break;
            case "Exists" or "DoesNotExist" when values.Count > 0:
                errors.Add(new($"{at}.values", "may not be specified when operator is Exists or DoesNotExist"));
                break;
            case "Gt" or "Lt" when values.Count != 1 || !long.TryParse(values[0], out _):
                errors.Add(new($"{at}.values", "must be a single integer when operator is Gt or Lt"));
                break;
            case "In" or "NotIn" or "Exists" or "DoesNotExist" or "Gt" or "Lt":
                break;
            default:
                errors.Add(new($"{at}.operator", $"unsupported value \"{requirement.OperatorProperty}\": must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt"));
                break;
        }
    }
}
