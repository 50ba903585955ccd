using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Broker.Tests.Hosting;

/// <summary>The hosted silo over real sockets: name server, then broker, with our remoting client.</summary>
[Collection(BrokerSiloCollection.Name)]
public sealed class TcpRoundTripTests(BrokerSiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_message_sent_through_the_routed_broker_is_pulled_back()
    {
        await using var client = new RemotingClient();
        const string topic = "HostTcpRoundTrip";

        var created = await client.InvokeAsync(silo.BrokerAddress, AdminCommands.CreateTopic(topic, queues: 2), Timeout);
        Assert.Equal(ResponseCode.Success, created.Code);

        var routeResponse = await client.InvokeAsync(silo.NameServerAddress, AdminCommands.Route(topic), Timeout);
        Assert.Equal(ResponseCode.Success, routeResponse.Code);
        var route = RemotingBody.Decode<TopicRouteData>(routeResponse.Body.Span);
        var brokerAddress = Assert.Single(route.BrokerDatas).BrokerAddrs[0];
        Assert.Equal(silo.BrokerAddress, brokerAddress);

        var properties = BrokerTestHost.Properties(tags: "TagA", keys: "key-1");
        var send = RemotingCommand.CreateRequest(RequestCode.SendMessageV2,
            SendMessageRequestHeaderV2.FromV1(BrokerTestHost.SendHeader(topic, queueId: 1, properties)), Encoding.UTF8.GetBytes("hello over tcp"));
        var sent = await client.InvokeAsync(brokerAddress, send, Timeout);
        Assert.Equal(ResponseCode.Success, sent.Code);
        Assert.Equal(0, sent.ReadHeader<SendMessageResponseHeader>().QueueOffset);

        // A long poll: answered as soon as the message is readable (it is already, or arrives within the hold).
        var pull = RemotingCommand.CreateRequest(RequestCode.PullMessage,
            BrokerTestHost.PullHeader(topic, queueId: 1, offset: 0, group: "HostTcpGroup", suspendTimeoutMillis: 5000));
        var pulled = await client.InvokeAsync(brokerAddress, pull, Timeout);

        Assert.Equal(ResponseCode.Success, pulled.Code);
        var message = Assert.Single(StoredMessageDecoder.DecodeAll(pulled.Body.Span));
        Assert.Equal("hello over tcp", Encoding.UTF8.GetString(message.Body));
        Assert.Equal("TagA", message.Tags);
        Assert.Equal(topic, message.Topic);
        Assert.Equal(1, pulled.ReadHeader<PullMessageResponseHeader>().NextBeginOffset);
    }

    [Fact]
    public async Task Both_ports_answer_unknown_codes_with_REQUEST_CODE_NOT_SUPPORTED()
    {
        await using var client = new RemotingClient();

        var nameServer = await client.InvokeAsync(silo.NameServerAddress, RemotingCommand.CreateRequest(RequestCode.SendMessage), Timeout);
        var broker = await client.InvokeAsync(silo.BrokerAddress, RemotingCommand.CreateRequest(RequestCode.GetRouteInfoByTopic), Timeout);

        Assert.Equal(ResponseCode.RequestCodeNotSupported, nameServer.Code);
        Assert.Equal(ResponseCode.RequestCodeNotSupported, broker.Code);
    }
}
