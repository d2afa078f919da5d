using System.Data.Common;

namespace Kruise.Actors.Tests.Runtime;

/// <summary>Runs a query on any ADO.NET connection (the SQLite or PostgreSQL journal) and returns its rows by column name.</summary>
public static class SqlRows
{
    public static List<Dictionary<string, object?>> Query(DbConnection connection, string sql)
    {
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
