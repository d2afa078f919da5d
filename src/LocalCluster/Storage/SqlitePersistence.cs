using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kruise.Actors.LocalCluster.Resources;
using Microsoft.Data.Sqlite;

namespace Kruise.Actors.LocalCluster.Storage;

/// <summary>
/// Keeps the store's objects in one SQLite file. Writes are group-committed: a background loop
/// takes every change queued so far into one transaction, so many concurrent writers share one
/// fsync while each still learns when its own change is durable.
/// </summary>
internal sealed class SqlitePersistence : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Channel<(WatchEvent Change, TaskCompletionSource<StoredObject> Done)> _queue =
        Channel.CreateUnbounded<(WatchEvent, TaskCompletionSource<StoredObject>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqlitePersistence(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            _connection.Open();
            Execute("""
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=NORMAL;
                CREATE TABLE IF NOT EXISTS objects (
                    grp TEXT NOT NULL, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                    rv INTEGER NOT NULL, json BLOB NOT NULL,
                    PRIMARY KEY (grp, resource, namespace, name));
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                """);
        }
        catch
        {
            // Not a database (or not ours): close it untouched.
            _connection.Dispose();
            throw;
        }
        _writer = Task.Run(WriteLoop);
    }

    public IEnumerable<(StorageKey Key, JsonObject Object)> LoadAll(out long resourceVersion)
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT COALESCE((SELECT value FROM meta WHERE key = 'rv'), 0)";
            resourceVersion = (long)command.ExecuteScalar()!;
        }
        var result = new List<(StorageKey, JsonObject)>();
        using var query = _connection.CreateCommand();
        query.CommandText = "SELECT grp, resource, json FROM objects";
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            var obj = JsonNode.Parse((byte[])reader["json"]) as JsonObject
                ?? throw new InvalidDataException("stored object is not a JSON object");
            result.Add((new StorageKey(reader.GetString(0), reader.GetString(1)), obj));
            resourceVersion = Math.Max(resourceVersion, ObjectStore.ResourceVersionOf(obj));
        }
        return result;
    }

    public Task<StoredObject> Enqueue(WatchEvent change)
    {
        var done = new TaskCompletionSource<StoredObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((change, done)))
            done.SetException(new ObjectDisposedException(nameof(SqlitePersistence)));
        return done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<(WatchEvent Change, TaskCompletionSource<StoredObject> Done)>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 2000 && _queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                WriteBatch(batch);
                foreach (var (change, done) in batch)
                    done.SetResult(change.Object);
            }
            catch (SqliteException e)
            {
                foreach (var (_, done) in batch)
                    done.SetException(e);
            }
            batch.Clear();
        }
    }

    private void WriteBatch(List<(WatchEvent Change, TaskCompletionSource<StoredObject> Done)> batch)
    {
        using var transaction = _connection.BeginTransaction();
        using var upsert = _connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = "INSERT OR REPLACE INTO objects (grp, resource, namespace, name, rv, json) VALUES ($g, $r, $ns, $n, $rv, $json)";
        var (ug, ur, uns, un, urv, ujson) = (upsert.Parameters.Add("$g", SqliteType.Text), upsert.Parameters.Add("$r", SqliteType.Text),
            upsert.Parameters.Add("$ns", SqliteType.Text), upsert.Parameters.Add("$n", SqliteType.Text),
            upsert.Parameters.Add("$rv", SqliteType.Integer), upsert.Parameters.Add("$json", SqliteType.Blob));
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM objects WHERE grp = $g AND resource = $r AND namespace = $ns AND name = $n";
        var (dg, dr, dns, dn) = (delete.Parameters.Add("$g", SqliteType.Text), delete.Parameters.Add("$r", SqliteType.Text),
            delete.Parameters.Add("$ns", SqliteType.Text), delete.Parameters.Add("$n", SqliteType.Text));
        long last = 0;
        foreach (var (change, _) in batch)
        {
            var obj = change.Object;
            if (change.Type == WatchEventType.Deleted)
            {
                (dg.Value, dr.Value, dns.Value, dn.Value) = (change.Key.Group, change.Key.Plural, obj.Namespace, obj.Name);
                delete.ExecuteNonQuery();
            }
            else
            {
                (ug.Value, ur.Value, uns.Value, un.Value, urv.Value, ujson.Value) =
                    (change.Key.Group, change.Key.Plural, obj.Namespace, obj.Name, obj.ResourceVersion, obj.Json);
                upsert.ExecuteNonQuery();
            }
            last = obj.ResourceVersion;
        }
        using var meta = _connection.CreateCommand();
        meta.Transaction = transaction;
        meta.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ('rv', $rv)";
        meta.Parameters.AddWithValue("$rv", last);
        meta.ExecuteNonQuery();
        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
