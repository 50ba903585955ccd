using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>
/// A broker's data path without a silo: a store in its own temp directory, the runtime over in-memory topics and
/// groups, and a request context on a <see cref="BenchmarkConnection"/>, for driving processors directly.
/// </summary>
internal sealed class BenchmarkBroker(BenchmarkDirectory directory, MessageStore store, BrokerRuntime runtime) : IAsyncDisposable
{
    public MessageStore Store => store;

    public BrokerRuntime Runtime => runtime;

    public RemotingRequestContext Context { get; } = new(new BenchmarkConnection(), 0);

    /// <summary>Opens the store under a new "<paramref name="directoryPrefix"/>…" directory and serves <paramref name="topics"/>.</summary>
    public static async Task<BenchmarkBroker> StartAsync(string directoryPrefix, string brokerName, BrokerOptions options, params BrokerTopicConfig[] topics)
    {
        var directory = new BenchmarkDirectory(directoryPrefix);
        var store = await BenchmarkStores.OpenAsync(directory.Root);
        var topicConfigs = new BenchmarkTopics();
        foreach (var topic in topics)
        {
            topicConfigs.Put(topic);
        }

        var identity = new BrokerIdentity(brokerName, "DefaultCluster", 0, SampleMessages.StoreHost);
        return new BenchmarkBroker(directory, store, new BrokerRuntime(store, options, identity, topicConfigs, new BenchmarkGroups()));
    }

    public async ValueTask DisposeAsync()
    {
        await runtime.DisposeAsync();
        await store.DisposeAsync();
        directory.Delete();
    }
}
