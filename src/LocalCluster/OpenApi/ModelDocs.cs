using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// Field descriptions for the built-in types, read from KubernetesClient's XML documentation (the
/// summaries are Kubernetes' own API docs), so `kubectl explain` shows them. The file ships in the
/// NuGet package; when it is not beside the assembly the documents simply carry no descriptions.
/// </summary>
public static partial class ModelDocs
{
    private static readonly Lazy<FrozenDictionary<string, string>> Summaries = new(() => Load(DefaultPath()));

    public static string? OfType(Type type) => Summaries.Value.GetValueOrDefault("T:" + type.FullName);

    public static string? OfProperty(PropertyInfo property) =>
        Summaries.Value.GetValueOrDefault($"P:{property.DeclaringType?.FullName}.{property.Name}");

    /// <summary>The model summaries of one documentation file (empty when it is absent).</summary>
    public static FrozenDictionary<string, string> Load(string? path)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path))
            return summaries.ToFrozenDictionary();
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "member")
            {
                reader.Read();
                continue;
            }
            var member = (XElement)XNode.ReadFrom(reader);
            var name = member.Attribute("name")?.Value;
            if (name is null || !(name.StartsWith("T:k8s.Models.", StringComparison.Ordinal) || name.StartsWith("P:k8s.Models.", StringComparison.Ordinal)))
                continue;
            if (member.Element("summary")?.Value is { } summary && Whitespace().Replace(summary, " ").Trim() is { Length: > 0 } text)
                summaries[name] = text;
        }
        return summaries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string? DefaultPath()
    {
        var assembly = typeof(V1Pod).Assembly.Location;
        return assembly.Length == 0 ? null : Path.ChangeExtension(assembly, ".xml");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
