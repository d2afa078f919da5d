using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Tests.Semantics;

/// <summary>
/// An admission step that, when armed for an object, writes a label to it while the next update
/// of it (a patch, a replace, a binding) is being admitted: another client's write landing between
/// the read and the store.
/// </summary>
internal sealed class WriteDuringAdmission : IAdmissionStep
{
    public const string Label = "written-meanwhile";

    private string? _armed;

    public ResourceService? Service { get; set; }
    public int Writes { get; private set; }
    public bool Mutating => true;

    public void Arm(string name) => _armed = name;

    public async Task Admit(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var name = JsonRead.Str(request.Object, "metadata", "name");
        if (request.Operation != "UPDATE" || name != _armed || Service is null)
            return;
        _armed = null;
        Writes++;
        await Service.Update(request.Type, JsonRead.Str(request.Object, "metadata", "namespace"), name, current =>
        {
            var next = current.CloneObject();
            var metadata = (JsonObject)next["metadata"]!;
            metadata.Remove("resourceVersion");
            var labels = metadata["labels"] as JsonObject ?? [];
            labels[Label] = "yes";
            metadata["labels"] = labels;
            return next;
        }, null, WriteOptions.Default, cancellationToken);
    }
}
