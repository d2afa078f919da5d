using System.Globalization;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Kruise.Actors.Persistence;

/// <summary>HOCON for the Sql journal, snapshot store and read journal on one <see cref="JournalTarget"/>.</summary>
public static class PersistenceConfig
{
    public static Config For(JournalTarget target)
    {
        var connection = Quote(target.ConnectionString);
        var provider = Quote(target.ProviderName);
        var hocon = string.Create(CultureInfo.InvariantCulture, $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
              }
            }
            """);
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
