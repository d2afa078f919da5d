using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Selectors;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>The labelSelector and fieldSelector of a list or watch request, as one predicate.</summary>
public sealed class ObjectFilter
{
    private readonly LabelQuery _labels;
    private readonly FieldQuery _fields;

    private ObjectFilter(LabelQuery labels, FieldQuery fields)
    {
        _labels = labels;
        _fields = fields;
    }

    public bool IsEmpty => _labels.IsEmpty && _fields.IsEmpty;

    public bool Matches(StoredObject obj) =>
        (_labels.IsEmpty || _labels.Matches(obj.Labels)) && (_fields.IsEmpty || _fields.Matches(obj.Object));

    public static ObjectFilter From(HttpRequest request, ResourceType type)
    {
        var labels = LabelQuery.Parse(request.Query["labelSelector"].FirstOrDefault());
        var fieldText = request.Query["fieldSelector"].FirstOrDefault();
        var supported = type.IsCustom ? FieldQuery.CustomResourceFields(type.Namespaced) : FieldQuery.SupportedFields(type.Group, type.Kind);
        return new ObjectFilter(labels, FieldQuery.Parse(fieldText, supported));
    }
}
