namespace RocketMQ.Orleans.Abstractions;

/// <summary>RocketMQ defaults the control plane shares with the processors.</summary>
public static class ControlPlaneDefaults
{
    /// <summary>RocketMQ's default cluster name (BrokerConfig.brokerClusterName).</summary>
    public const string DefaultCluster = "DefaultCluster";

    /// <summary>The broker id of a group's master (MixAll.MASTER_ID).</summary>
    public const long MasterId = 0;

    /// <summary>The KV namespace holding order-topic configuration (NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG).</summary>
    public const string OrderTopicConfigNamespace = "ORDER_TOPIC_CONFIG";
}
