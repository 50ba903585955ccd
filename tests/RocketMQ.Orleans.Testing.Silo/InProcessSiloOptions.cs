using RocketMQ.Orleans.Broker.Hosting;

namespace RocketMQ.Orleans.Testing.Silo;

/// <summary>What differs between the fixtures that start an <see cref="InProcessSilo"/>.</summary>
public sealed class InProcessSiloOptions
{
    /// <summary>Start of the temp data directory's name, e.g. "rmq-cli-tests-".</summary>
    public required string DataDirectoryPrefix { get; init; }

    /// <summary>The broker group's name; null: "broker-" and the silo's name.</summary>
    public string? BrokerName { get; init; }

    /// <summary>More broker configuration (property filter, delay levels, external grain storage).</summary>
    public Action<RocketMQBrokerBuilder>? ConfigureBroker { get; init; }

    /// <summary>More silo configuration after the broker (the web console, streams).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }
}
