using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using RocketMQ.Orleans.Broker.Persistence;

namespace RocketMQ.Orleans.Cluster.Tests.Persistence;

public sealed class FileGrainStorageTests : IDisposable
{
    private const string GrainType = "topic";
    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rmq-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Written_state_is_read_back_by_a_new_instance_with_its_version_as_etag()
    {
        var id = GrainId.Create(GrainType, "TopicA");
        var written = new GrainState<SampleState>(new SampleState { Name = "a", Counts = { ["q0"] = 3 } });
        await CreateStorage().WriteStateAsync(GrainType, id, written);

        var read = new GrainState<SampleState>();
        await CreateStorage().ReadStateAsync(GrainType, id, read);

        Assert.Equal("1", written.ETag);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("a", read.State!.Name);
        Assert.Equal(3, read.State!.Counts["q0"]);
    }

    [Fact]
    public async Task Each_write_increments_the_version_and_leaves_one_json_file_without_temporaries()
    {
        var storage = CreateStorage();
        var id = GrainId.Create(GrainType, "TopicB");
        var state = new GrainState<SampleState>(new SampleState { Name = "v1" });
        await storage.WriteStateAsync(GrainType, id, state);
        state.State!.Name = "v2";
        await storage.WriteStateAsync(GrainType, id, state);

        Assert.Equal("2", state.ETag);
        var files = Directory.GetFiles(Path.Combine(_root, GrainType));
        var file = Assert.Single(files);
        Assert.Equal(storage.GetPath(GrainType, id), file);
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        Assert.Equal(2, json.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("v2", json.RootElement.GetProperty("state").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_rejected_and_keeps_the_stored_state()
    {
        var storage = CreateStorage();
        var id = GrainId.Create(GrainType, "TopicC");
        await storage.WriteStateAsync(GrainType, id, new GrainState<SampleState>(new SampleState { Name = "base" }));

        var first = new GrainState<SampleState>();
        var second = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainType, id, first);
        await storage.ReadStateAsync(GrainType, id, second);
        first.State!.Name = "first";
        await storage.WriteStateAsync(GrainType, id, first);
        second.State!.Name = "second";

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, second));

        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        var reread = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainType, id, reread);
        Assert.Equal("first", reread.State!.Name);
    }

    [Fact]
    public async Task Creating_over_an_existing_record_without_etag_is_rejected()
    {
        var storage = CreateStorage();
        var id = GrainId.Create(GrainType, "TopicD");
        await storage.WriteStateAsync(GrainType, id, new GrainState<SampleState>(new SampleState()));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(GrainType, id, new GrainState<SampleState>(new SampleState())));
    }

    [Fact]
    public async Task Writing_with_an_etag_when_no_record_exists_is_rejected()
    {
        var state = new GrainState<SampleState>(new SampleState(), "7");

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => CreateStorage().WriteStateAsync(GrainType, GrainId.Create(GrainType, "Missing"), state));
    }

    [Fact]
    public async Task Clear_deletes_the_file_and_resets_the_state()
    {
        var storage = CreateStorage();
        var id = GrainId.Create(GrainType, "TopicE");
        var state = new GrainState<SampleState>(new SampleState { Name = "gone" });
        await storage.WriteStateAsync(GrainType, id, state);

        await storage.ClearStateAsync(GrainType, id, state);

        Assert.False(File.Exists(storage.GetPath(GrainType, id)));
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal("", state.State!.Name);
        var reread = new GrainState<SampleState>();
        await CreateStorage().ReadStateAsync(GrainType, id, reread);
        Assert.False(reread.RecordExists);
        Assert.Null(reread.ETag);
        Assert.NotNull(reread.State);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_is_rejected_and_keeps_the_file()
    {
        var storage = CreateStorage();
        var id = GrainId.Create(GrainType, "TopicF");
        var state = new GrainState<SampleState>(new SampleState());
        await storage.WriteStateAsync(GrainType, id, state);
        await storage.WriteStateAsync(GrainType, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(GrainType, id, new GrainState<SampleState>(new SampleState(), "1")));

        Assert.True(File.Exists(storage.GetPath(GrainType, id)));
    }

    [Fact]
    public async Task Keys_with_special_characters_map_to_distinct_safe_file_names()
    {
        var storage = CreateStorage();
        string[] keys = ["%RETRY%group", "a/b", "a%2Fb", "..", "topic:with:colons", new string('x', 300), new string('x', 299) + "y"];
        foreach (var key in keys)
        {
            await storage.WriteStateAsync(GrainType, GrainId.Create(GrainType, key), new GrainState<SampleState>(new SampleState { Name = key }));
        }

        var paths = keys.Select(key => storage.GetPath(GrainType, GrainId.Create(GrainType, key))).ToArray();
        Assert.Equal(keys.Length, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.All(paths, path =>
        {
            Assert.Equal(Path.Combine(_root, GrainType), Path.GetDirectoryName(path));
            Assert.True(Path.GetFileName(path).Length <= 200);
        });
        foreach (var key in keys)
        {
            var read = new GrainState<SampleState>();
            await storage.ReadStateAsync(GrainType, GrainId.Create(GrainType, key), read);
            Assert.Equal(key, read.State!.Name);
        }
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_let_exactly_one_win()
    {
        var storage = CreateStorage();
        var id = GrainId.Create(GrainType, "Contended");
        await storage.WriteStateAsync(GrainType, id, new GrainState<SampleState>(new SampleState()));

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync(GrainType, id, new GrainState<SampleState>(new SampleState { Name = $"w{i}" }, "1"));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });

        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(won => won));
    }

    private FileGrainStorage CreateStorage() =>
        new("test", new FileGrainStorageOptions { RootDirectory = _root }, new TestJsonSerializer(), Activators, NullLogger<FileGrainStorage>.Instance);
}
