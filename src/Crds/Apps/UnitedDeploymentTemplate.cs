using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>The workload a UnitedDeployment stamps out per subset: exactly one of the four kinds.</summary>
public sealed class UnitedDeploymentTemplate
{
    [JsonPropertyName("statefulSetTemplate"), Description("An apps/v1 StatefulSet per subset.")]
    public StatefulSetTemplateSpec? StatefulSetTemplate { get; set; }

    [JsonPropertyName("advancedStatefulSetTemplate"), Description("An Advanced StatefulSet (apps.kruise.io) per subset.")]
    public AdvancedStatefulSetTemplateSpec? AdvancedStatefulSetTemplate { get; set; }

    [JsonPropertyName("cloneSetTemplate"), Description("A CloneSet per subset.")]
    public CloneSetTemplateSpec? CloneSetTemplate { get; set; }

    [JsonPropertyName("deploymentTemplate"), Description("An apps/v1 Deployment per subset.")]
    public DeploymentTemplateSpec? DeploymentTemplate { get; set; }
}

public sealed class StatefulSetTemplateSpec
{
    [JsonPropertyName("metadata"), PreserveUnknownFields, Description("Labels and annotations of each subset StatefulSet.")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec"), SchemaRequired, PreserveUnknownFields, Description("StatefulSet spec; replicas and partition are set per subset by the controller.")]
    public V1StatefulSetSpec? Spec { get; set; }
}

public sealed class AdvancedStatefulSetTemplateSpec
{
    [JsonPropertyName("metadata"), PreserveUnknownFields, Description("Labels and annotations of each subset Advanced StatefulSet.")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec"), SchemaRequired, Description("Advanced StatefulSet spec; replicas and partition are set per subset by the controller.")]
    public StatefulSetSpec? Spec { get; set; }
}

public sealed class CloneSetTemplateSpec
{
    [JsonPropertyName("metadata"), PreserveUnknownFields, Description("Labels and annotations of each subset CloneSet.")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec"), SchemaRequired, Description("CloneSet spec; replicas and partition are set per subset by the controller.")]
    public CloneSetSpec? Spec { get; set; }
}

public sealed class DeploymentTemplateSpec
{
    [JsonPropertyName("metadata"), PreserveUnknownFields, Description("Labels and annotations of each subset Deployment.")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec"), SchemaRequired, PreserveUnknownFields, Description("Deployment spec; replicas are set per subset by the controller.")]
    public V1DeploymentSpec? Spec { get; set; }
}
