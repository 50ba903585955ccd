namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>The RocketMQ release this broker speaks for: Apache MQVersion.CURRENT_VERSION of 4.9.8.</summary>
public static class BrokerVersion
{
    /// <summary>MQVersion.Version.V4_9_8.ordinal(), stamped on heartbeat answers and reported by GET_BROKER_RUNTIME_INFO.</summary>
    public const int Code = 409;

    public const string Name = "V4_9_8";
}
