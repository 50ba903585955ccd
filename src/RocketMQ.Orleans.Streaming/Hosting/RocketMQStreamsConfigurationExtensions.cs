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

    private const string PubSubStoreName = "PubSubStore";

    /// <summary>
    /// Adds the provider when <c>Enabled</c> is true in <paramref name="section"/>; <c>Name</c> (default "rocketmq") and
    /// the <see cref="RocketMQStreamOptions"/> properties come from the same section. Unless the host registered a
    /// "PubSubStore" grain storage (before this call), explicit subscriptions are kept in memory: the broker's file grain
    /// storage serializes with System.Text.Json, which cannot read back Orleans' pub-sub state. Implicit subscriptions
    /// need no storage.
    /// </summary>
    public static ISiloBuilder AddRocketMQStreams(this ISiloBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        if (!section.GetValue<bool>("Enabled")) return builder;
        var name = section["Name"] is { Length: > 0 } configured ? configured : DefaultProviderName;
        if (!builder.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, PubSubStoreName) && d.ServiceType == typeof(IGrainStorage)))
            builder.AddMemoryGrainStorage(PubSubStoreName);
        return builder.AddRocketMQStreams(name, (SiloRocketMQStreamConfigurator c) => c.ConfigureRocketMQ(ob => ob.Bind(section)));
    }
}
