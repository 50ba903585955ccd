using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;

namespace RocketMQ.Orleans.Streaming.Hosting;

/// <summary>The stream provider from configuration (the silo host's "RocketMQ:Streams" section).</summary>
public static class RocketMQStreamsConfigurationExtensions
{
    /// <summary>The provider name used when the section names none.</summary>
    public const string DefaultProviderName = "rocketmq";

    /// <summary>
    /// Adds the provider when <c>Enabled</c> is true in <paramref name="section"/>; <c>Name</c> (default "rocketmq") and
    /// the <see cref="RocketMQStreamOptions"/> properties come from the same section. Unless the host registered a
    /// "PubSubStore" grain storage (before this call), explicit subscriptions are kept in files beside the broker's
    /// data (<see cref="PubSubStoreSiloBuilderExtensions.AddRocketMQFilePubSubStore"/>). Implicit subscriptions need no
    /// storage.
    /// </summary>
    public static ISiloBuilder AddRocketMQStreams(this ISiloBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        if (!section.GetValue<bool>("Enabled")) return builder;
        var name = section["Name"] is { Length: > 0 } configured ? configured : DefaultProviderName;
        if (!builder.HasPubSubStore())
            builder.AddRocketMQFilePubSubStore();
        return builder.AddRocketMQStreams(name, (SiloRocketMQStreamConfigurator c) => c.ConfigureRocketMQ(ob => ob.Bind(section)));
    }
}
