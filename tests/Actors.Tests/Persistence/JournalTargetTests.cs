using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Persistence;

public sealed class JournalTargetTests
{
    [Fact]
    public void Sqlite_paths_become_absolute_file_connections()
    {
        var target = JournalTarget.Parse("sqlite:data/journal.db");
        Assert.Equal(JournalProvider.Sqlite, target.Provider);
        Assert.Equal("SQLite.MS", target.ProviderName);
        Assert.Contains(Path.GetFullPath("data/journal.db"), target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_takes_an_Npgsql_connection_string()
    {
        var target = JournalTarget.Parse("postgres:Host=127.0.0.1;Port=5433;Username=kruise;Password=secret;Database=journal");
        Assert.Equal(JournalProvider.Postgres, target.Provider);
        Assert.Equal("PostgreSQL.15", target.ProviderName);
        Assert.Equal("postgres:127.0.0.1:5433/journal", target.Display);
        Assert.DoesNotContain("secret", target.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("journal.db")]
    [InlineData("mysql:Server=x")]
    [InlineData("sqlite:")]
    [InlineData("postgres:Database=x")]
    [InlineData("postgres:Nonsense Key=1")]
    public void Anything_else_is_a_clear_error(string value)
    {
        var e = Assert.Throws<FormatException>(() => JournalTarget.Parse(value));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Theory]
    [InlineData("CloneSet/default/web", "CloneSet", "default", "web")]
    [InlineData("Node/node-1", "Node", null, "node-1")]
    public void Entity_ids_parse_and_print_the_same(string text, string kind, string? ns, string name)
    {
        var id = EntityId.Parse(text);
        Assert.Equal(new EntityId(kind, ns, name), id);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("CloneSet")]
    [InlineData("CloneSet//web")]
    [InlineData("a/b/c/d")]
    public void Malformed_entity_ids_are_refused(string text) => Assert.False(EntityId.TryParse(text, out _));

    [Fact]
    public void Seeds_are_host_and_port()
    {
        var seeds = ClusterConfig.SeedAddresses("kruise-actors", ["10.0.0.5:4053", "ctl-1.ctl.kruise-system.svc:4053"]);
        Assert.Equal("akka.tcp://kruise-actors@10.0.0.5:4053", seeds[0].ToString());
        Assert.Equal("ctl-1.ctl.kruise-system.svc", seeds[1].Host);
        Assert.Throws<FormatException>(() => ClusterConfig.SeedAddresses("kruise-actors", ["no-port"]));
        Assert.Throws<FormatException>(() => ClusterConfig.SeedAddresses("kruise-actors", ["h:99999"]));
    }
}
