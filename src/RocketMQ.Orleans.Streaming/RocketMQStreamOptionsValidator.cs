using Orleans;
using Orleans.Runtime;

namespace RocketMQ.Orleans.Streaming;

/// <summary>Fails silo or client start on settings that cannot work, naming the provider and the setting.</summary>
public sealed class RocketMQStreamOptionsValidator(RocketMQStreamOptions options, string name, bool isClient) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (options.Topics.Count == 0 || options.Topics.Any(string.IsNullOrWhiteSpace))
            throw Fail($"{nameof(options.Topics)} must list at least one topic, none empty");
        if (options.Topics.Distinct(StringComparer.Ordinal).Count() != options.Topics.Count)
            throw Fail($"{nameof(options.Topics)} lists a topic twice");
        if (options.BrokerGroups.Any(string.IsNullOrWhiteSpace) || options.BrokerGroups.Distinct(StringComparer.Ordinal).Count() != options.BrokerGroups.Count)
            throw Fail($"{nameof(options.BrokerGroups)} must not contain empty or repeated names");
        if (options.QueuesPerTopic is < 1 or > 1024)
            throw Fail($"{nameof(options.QueuesPerTopic)} must be within 1..1024");
        if (options.MaxCachedMessagesPerQueue < 1)
            throw Fail($"{nameof(options.MaxCachedMessagesPerQueue)} must be at least 1");
        if (options.MaxEventsPerDelivery is < 1 or > 1024)
            throw Fail($"{nameof(options.MaxEventsPerDelivery)} must be within 1..1024");
        if (options.PullBatchSize is < 1 or > 32)
            throw Fail($"{nameof(options.PullBatchSize)} must be within 1..32");
        if (options.MaxProducerWait <= TimeSpan.Zero && options.MaxProducerWait != Timeout.InfiniteTimeSpan)
            throw Fail($"{nameof(options.MaxProducerWait)} must be positive, or Timeout.InfiniteTimeSpan");
        if (isClient && options.BrokerGroups.Count == 0)
            throw Fail($"{nameof(options.BrokerGroups)} is required on a client (it has no broker group of its own)");
        if (isClient && string.IsNullOrWhiteSpace(options.NameServerAddress))
            throw Fail($"{nameof(options.NameServerAddress)} is required on a client");
    }

    private OrleansConfigurationException Fail(string what) =>
        new($"RocketMQ stream provider '{name}': {what}.");
}
