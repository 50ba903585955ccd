using RocketMQ.Orleans.Store.Offsets;
using RocketMQ.Orleans.Store.Tests.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Tests.Offsets;

public sealed class ConsumerOffsetStoreTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string FilePath => Path.Combine(_dir.Path, "config", ConsumerOffsetStore.DefaultFileName);

    [Fact]
    public void Commit_and_query()
    {
        var store = new ConsumerOffsetStore(FilePath);
        Assert.Null(store.LoadedFrom);
        Assert.Equal(-1, store.Query("g", "t", 0));

        store.Commit("g", "t", 0, 12);
        store.Commit("g", "t", 1, 7);
        store.Commit("g", "t", 0, 13);
        store.Commit("g2", "t", 0, 1);

        Assert.Equal(13, store.Query("g", "t", 0));
        Assert.Equal(-1, store.Query("g", "t", 2));
        Assert.Equal(-1, store.Query("g", "other", 0));
        Assert.Equal(new Dictionary<int, long> { [0] = 13, [1] = 7 }, store.QueryAll("g", "t"));
        Assert.Empty(store.QueryAll("nobody", "t"));
        Assert.Equal(["g", "g2"], store.Groups.Order(StringComparer.Ordinal));
        Assert.Equal(["g", "g2"], store.GetGroupsOfTopic("t").Order(StringComparer.Ordinal));
        Assert.Equal(["t"], store.GetTopicsOfGroup("g"));
    }

    [Fact]
    public async Task Persist_writes_apache_json_and_a_new_store_loads_it()
    {
        var store = new ConsumerOffsetStore(FilePath);
        store.Commit("please_rename_unique_group_name", "TopicTest", 0, 250);
        store.Commit("please_rename_unique_group_name", "TopicTest", 3, 251);
        store.Commit("g", "%RETRY%g", 0, 0);
        await store.PersistAsync();

        string json = await File.ReadAllTextAsync(FilePath);
        using (var document = System.Text.Json.JsonDocument.Parse(json))
        {
            var table = document.RootElement.GetProperty("offsetTable");
            Assert.Equal(251, table.GetProperty("TopicTest@please_rename_unique_group_name").GetProperty("3").GetInt64());
            Assert.Equal(0, table.GetProperty("%RETRY%g@g").GetProperty("0").GetInt64());
        }

        var loaded = new ConsumerOffsetStore(FilePath);
        Assert.Equal(FilePath, loaded.LoadedFrom);
        Assert.Equal(250, loaded.Query("please_rename_unique_group_name", "TopicTest", 0));
        Assert.Equal(251, loaded.Query("please_rename_unique_group_name", "TopicTest", 3));
        Assert.Equal(0, loaded.Query("g", "%RETRY%g", 0));
    }

    [Fact]
    public void Loads_fastjson_output_with_unquoted_queue_ids()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, "{\n\t\"offsetTable\":{\n\t\t\"TopicTest@grp\":{0:250,1:250,2:251,3:250},\n\t\t\"%RETRY%grp@grp\":{0:0}\n\t}\n}");

        var store = new ConsumerOffsetStore(FilePath);

        Assert.Equal(251, store.Query("grp", "TopicTest", 2));
        Assert.Equal(0, store.Query("grp", "%RETRY%grp", 0));
    }

    [Fact]
    public async Task A_corrupt_main_file_falls_back_to_the_backup()
    {
        var store = new ConsumerOffsetStore(FilePath);
        store.Commit("g", "t", 0, 100);
        await store.PersistAsync();
        store.Commit("g", "t", 0, 200);
        await store.PersistAsync();
        Assert.Contains("100", await File.ReadAllTextAsync(store.BackupPath));

        await File.WriteAllTextAsync(FilePath, "{\"offsetTable\":{\"t@g\":{\"0\":2");

        var loaded = new ConsumerOffsetStore(FilePath);
        Assert.Equal(store.BackupPath, loaded.LoadedFrom);
        Assert.Equal(100, loaded.Query("g", "t", 0));
    }

    [Fact]
    public async Task A_missing_main_file_falls_back_to_the_backup()
    {
        var store = new ConsumerOffsetStore(FilePath);
        store.Commit("g", "t", 0, 100);
        await store.PersistAsync();
        store.Commit("g", "t", 0, 200);
        await store.PersistAsync();

        // A crash between the two renames leaves only the backup.
        File.Delete(FilePath);

        Assert.Equal(100, new ConsumerOffsetStore(FilePath).Query("g", "t", 0));
    }

    [Fact]
    public async Task Removing_a_group_forgets_it_durably()
    {
        var store = new ConsumerOffsetStore(FilePath);
        store.Commit("g", "t1", 0, 1);
        store.Commit("g", "t2", 0, 2);
        store.Commit("keep", "t1", 0, 3);
        await store.PersistAsync();

        Assert.True(store.RemoveGroup("g"));
        Assert.False(store.RemoveGroup("g"));
        Assert.True(store.RemoveOffsets("keep", "t1"));
        store.Commit("keep", "t3", 1, 4);
        await store.PersistAsync();

        var loaded = new ConsumerOffsetStore(FilePath);
        Assert.Equal([("keep", "t3")], loaded.GroupTopics);
        Assert.Equal(-1, loaded.Query("g", "t1", 0));
    }

    [Fact]
    public async Task Concurrent_commits_are_all_persisted()
    {
        var store = new ConsumerOffsetStore(FilePath);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (int i = 0; i <= 1000; i++)
            {
                store.Commit($"g{w}", "t", i % 8, i);
            }
        })).ToArray();
        var persister = Task.Run(async () =>
        {
            while (!writers.All(t => t.IsCompleted))
            {
                await store.PersistAsync();
            }
        });
        await Task.WhenAll(writers);
        await persister;
        await store.PersistAsync();

        var loaded = new ConsumerOffsetStore(FilePath);
        for (int w = 0; w < 4; w++)
        {
            Assert.Equal(1000, loaded.Query($"g{w}", "t", 1000 % 8));
            Assert.Equal(999, loaded.Query($"g{w}", "t", 999 % 8));
        }
    }
}
