using System.Text.Json.Nodes;
using k8s.Models;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>The named schemas of one document: each resource's kind and list kind, and every schema they refer to.</summary>
internal sealed class SchemaSet
{
    private readonly SortedDictionary<string, JsonNode> _schemas = new(StringComparer.Ordinal);

    /// <summary>Adds a resource's kind and list kind; returns their schema names.</summary>
    public (string Kind, string List) AddResource(ResourceType resource)
    {
        string kind;
        if (resource.IsCustom)
        {
            kind = KindSchemas.CustomResourceName(resource.Group, resource.Version, resource.Kind);
            _schemas[kind] = KindSchemas.CustomResource(resource);
            AddModel(typeof(V1ObjectMeta));
        }
        else if (ModelNames.ModelOf(resource.Group, resource.Version, resource.Kind) is { } model)
        {
            kind = AddModel(model);
        }
        else
        {
            kind = $"{ModelNames.Package(resource.Group, resource.Version)}.{resource.Kind}";
            _schemas[kind] = KindSchemas.Opaque(resource);
        }
        var list = kind + "List";
        _schemas[list] = KindSchemas.List(resource, kind);
        AddModel(typeof(V1ListMeta));
        if (resource.Scale is not null)
            AddModel(typeof(V1Scale));
        return (kind, list);
    }

    /// <summary>Adds a model type and, transitively, the models it refers to; returns its schema name.</summary>
    public string AddModel(Type type)
    {
        var pending = new Stack<Type>([type]);
        while (pending.TryPop(out var next))
        {
            var component = ModelSchemas.Of(next);
            if (_schemas.ContainsKey(component.Name))
                continue;
            _schemas[component.Name] = component.Schema.DeepClone();
            foreach (var reference in component.References)
                pending.Push(reference);
        }
        return ModelSchemas.Of(type).Name;
    }

    public void Add(string name, JsonObject schema) => _schemas[name] = schema;

    /// <summary>The schemas as a JSON object (call once: the nodes move into it).</summary>
    public JsonObject ToJson()
    {
        var schemas = new JsonObject();
        foreach (var (name, schema) in _schemas)
            schemas[name] = schema;
        return schemas;
    }
}
