using System.Text;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>Names that reach the control plane's grains (a real in-process silo): malformed ones are refused before a grain key.</summary>
[Collection(BrokerSiloCollection.Name)]
public sealed class ControlPlaneNameTests(BrokerSiloFixture silo)
{
    [Theory]
    [InlineData(" ")]
    [InlineData("bad default")]
    public async Task Send_to_an_unknown_topic_with_a_malformed_default_topic_answers_topic_not_exist(string defaultTopic)
    {
        // Found by the 10^6-frame fuzz round: a whitespace default topic reached a topic grain's key and the answer
        // carried System.ArgumentException. Apache finds no such template topic and answers TOPIC_NOT_EXIST.
        var topic = "CpNoSuchTopicYet" + Guid.NewGuid().ToString("N")[..8];
        var header = BrokerTestHost.SendHeader(topic);
        header.DefaultTopic = defaultTopic;

        var response = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.SendMessage, header, Encoding.UTF8.GetBytes("x")));

        Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        Assert.StartsWith($"topic[{topic}] not exist, apply first please!", response.Remark);
    }
}
