using System.Text.RegularExpressions;

namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// Label key and value rules (apimachinery's IsQualifiedName / IsValidLabelValue), returning
/// the same sentences the API server puts in its 400s so clients see familiar errors.
/// </summary>
internal static partial class LabelSyntax
{
    private const int NameMaxLength = 63;
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^(" + QualifiedNameFormat + ")?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^" + SubdomainFormat + "$")]
    private static partial Regex Subdomain();

    /// <summary>Problems with a label key ([prefix/]name), empty when it is valid.</summary>
    public static List<string> KeyErrors(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                    errors.Add("prefix part must be non-empty");
                else
                    errors.AddRange(SubdomainErrors(prefix).Select(e => "prefix part " + e));
                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }
        if (name.Length == 0)
            errors.Add("name part must be non-empty");
        else if (name.Length > NameMaxLength)
            errors.Add($"name part must be no more than {NameMaxLength} characters");
        if (!QualifiedName().IsMatch(name))
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        return errors;
    }

    /// <summary>Problems with a label value, empty when it is valid (the empty string is valid).</summary>
    public static List<string> ValueErrors(string value)
    {
        var errors = new List<string>();
        if (value.Length > NameMaxLength)
            errors.Add($"must be no more than {NameMaxLength} characters");
        if (!LabelValue().IsMatch(value))
            errors.Add(RegexError(LabelValueMessage, "(" + QualifiedNameFormat + ")?", "MyValue", "my_value", "12345"));
        return errors;
    }

    private static IEnumerable<string> SubdomainErrors(string value)
    {
        if (value.Length > 253)
            yield return "must be no more than 253 characters";
        if (!Subdomain().IsMatch(value))
            yield return RegexError(SubdomainMessage, SubdomainFormat, "example.com");
    }

    // apimachinery's RegexError, double spaces included: clients may match on the wording.
    private static string RegexError(string message, string format, params string[] examples)
    {
        var text = message + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
            text += (i > 0 ? " or " : "") + "'" + examples[i] + "', ";
        return text + "regex used for validation is '" + format + "')";
    }
}
