using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Tests.Runtime;

public sealed class BrokerTopicConfigTests
{
    private static readonly TopicInfo Info = new(
        new TopicConfig("T", 16, 16, PermName.ReadWrite, TopicFilterType.MultiTag, 0, Order: true),
        "DefaultCluster",
        ImmutableDictionary<string, QueueData>.Empty
            .Add("broker-a", new QueueData("broker-a", 4, 8, PermName.Read, 1))
            .Add("broker-b", new QueueData("broker-b", 16, 16, PermName.ReadWrite, 0)),
        Version: 3);

    [Fact]
    public void From_ProjectsThisBrokersQueues_AndTheTopicsFlags()
    {
        var config = BrokerTopicConfig.From(Info, "broker-a");

        Assert.Equal(new BrokerTopicConfig("T", 4, 8, PermName.Read, TopicFilterType.MultiTag, 1, Order: true), config);
    }

    [Fact]
    public void From_IsNullWhenTheTopicHasNoQueuesHere()
    {
        Assert.Null(BrokerTopicConfig.From(Info, "broker-c"));
        Assert.Null(BrokerTopicConfig.From(null, "broker-a"));
    }

    [Fact]
    public void ToString_IsJavasTopicConfigToString()
    {
        var config = new BrokerTopicConfig("T", 4, 8, PermName.ReadWrite | PermName.Inherit, TopicFilterType.MultiTag, 1, true);

        Assert.Equal("TopicConfig [topicName=T, readQueueNums=4, writeQueueNums=8, perm=RWX, topicFilterType=MULTI_TAG, topicSysFlag=1, order=true]",
            config.ToString());
    }
}
