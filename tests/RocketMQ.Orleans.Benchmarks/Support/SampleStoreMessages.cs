using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>Puts as a broker hands them to the store, from the sample producer to the sample broker.</summary>
internal static class SampleStoreMessages
{
    /// <summary>One message per writer, on queue writer % 4 of BenchmarkTopic, so writers spread over four queues.</summary>
    public static MessageToStore[] PerWriter(int writers, byte[] body, string properties) => Enumerable.Range(0, writers).Select(w => new MessageToStore
    {
        Topic = "BenchmarkTopic",
        QueueId = w % 4,
        Body = body,
        PropertiesString = properties,
        BornTimestamp = 1_764_000_000_000,
        BornHost = SampleMessages.BornHost,
        StoreHost = SampleMessages.StoreHost,
    }).ToArray();
}
