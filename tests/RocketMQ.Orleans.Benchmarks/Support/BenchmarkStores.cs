using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>Stores as the benchmarks open and fill them: default options but the data path, no logging.</summary>
internal static class BenchmarkStores
{
    public static ValueTask<MessageStore> OpenAsync(string dataPath, Action<MessageStoreOptions>? configure = null)
    {
        var options = new MessageStoreOptions { DataPath = dataPath };
        configure?.Invoke(options);
        return MessageStore.OpenAsync(options, NullLoggerFactory.Instance);
    }

    /// <summary>Puts one message and fails the run unless the store took it.</summary>
    public static async ValueTask PutOkAsync(this MessageStore store, MessageToStore message)
    {
        var result = await store.PutMessageAsync(message);
        if (result.Status != PutMessageStatus.PutOk)
        {
            throw new InvalidOperationException($"put failed: {result.Status}");
        }
    }
}
