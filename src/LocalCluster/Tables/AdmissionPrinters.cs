using static Kruise.Actors.LocalCluster.Tables.CorePrinters;
using static Kruise.Actors.LocalCluster.JsonRead;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>Mutating and validating webhook configurations as the API server prints them: how many webhooks each holds.</summary>
internal static class AdmissionPrinters
{
    public static TablePrinter WebhookConfiguration { get; } = new(
    [
        TableColumn.NameColumn,
        new("Webhooks", "integer", Description: "Webhooks indicates the number of webhooks registered in this configuration"),
        TableColumn.Age,
    ], (o, now) => [Name(o), Count(o, "webhooks"), Age(o, now)]);
}
