using System.Net;
using System.Text;
using System.Threading.Channels;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Broker.Tests.Tcp;

/// <summary>The broker's processors behind the real DotNetty server, driven by our RemotingClient.</summary>
public sealed class BrokerOverTcpTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Channel<RemotingCommand> _notices = Channel.CreateUnbounded<RemotingCommand>();
    private BrokerTestHost _host = null!;
    private RemotingServer _server = null!;
    private RemotingClient _client = null!;
    private RequestExecutor _clientExecutor = null!;
    private string _address = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic("TT", queueNums: 1);
        _server = RemotingServer.CreateBroker(
            new RemotingServerOptions { ListenPort = 0, EnableVipChannel = false, BindAddress = "127.0.0.1" },
            _host.Dispatcher, listener: _host.Runtime);
        await _server.StartAsync();
        _address = $"127.0.0.1:{_server.LocalEndPoints[0].Port}";

        _clientExecutor = new RequestExecutor(new RequestExecutorOptions { Name = "client", Concurrency = 1 });
        var clientDispatcher = new RequestDispatcherBuilder()
            .Register(RequestCode.NotifyConsumerIdsChanged, new RecordingProcessor(_notices.Writer), _clientExecutor)
            .Build();
        _client = new RemotingClient(dispatcher: clientDispatcher);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        await _clientExecutor.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task SendHeartbeatLongPoll_AndDisconnect_WorkOverTheWire()
    {
        var heartbeat = new HeartbeatData
        {
            ClientID = "tcp-client",
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = "TG",
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    SubscriptionDataSet = [new SubscriptionData { Topic = "TT", SubString = "*" }],
                },
            ],
        };
        var beat = await _client.InvokeAsync(_address, RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: heartbeat.Encode()), Timeout);
        Assert.Equal(ResponseCode.Success, beat.Code);
        var notice = await _notices.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("TG", notice.GetExtField("consumerGroup"));

        // A held pull over the socket, answered by a send on the same connection.
        var pullRequest = RemotingCommand.CreateRequest(RequestCode.PullMessage,
            BrokerTestHost.PullHeader("TT", 0, 0, group: "TG", sysFlag: 2 | 4, suspendTimeoutMillis: 20_000));
        var pull = _client.InvokeAsync(_address, pullRequest, Timeout);
        await Eventually.TrueAsync(() => _host.Runtime.PullHold.HeldCount == 1, "the pull is held");

        var send = await _client.InvokeAsync(_address, RemotingCommand.CreateRequest(RequestCode.SendMessageV2,
            SendMessageRequestHeaderV2.FromV1(BrokerTestHost.SendHeader("TT", 0, BrokerTestHost.Properties("TagA", uniqKey: "U-TCP"))),
            Encoding.UTF8.GetBytes("over tcp")), Timeout);
        Assert.Equal(ResponseCode.Success, send.Code);
        Assert.Equal("DefaultRegion", send.GetExtField("MSG_REGION"));

        var pulled = await pull;
        Assert.True(pulled.Code == ResponseCode.Success, $"{pulled.Code} {pulled.Remark}");
        var message = Assert.Single(BrokerTestHost.Decode(pulled));
        Assert.Equal("over tcp", Encoding.UTF8.GetString(message.Body));
        Assert.Equal("U-TCP", message.UniqueKey);
        Assert.Equal(IPAddress.Loopback, message.BornHost.Address);
        Assert.Equal(send.ReadHeader<SendMessageResponseHeader>().MsgId, message.MsgId);

        // Closing the client's connection drops its consumer.
        foreach (var connection in _client.Connections)
        {
            connection.Close();
        }

        await Eventually.TrueAsync(() => _host.Runtime.ConsumerManager.GetConsumerGroupInfo("TG") is null, "the consumer is dropped");
    }

    private sealed class RecordingProcessor(ChannelWriter<RemotingCommand> writer) : IRequestProcessor
    {
        public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
        {
            writer.TryWrite(request);
            return ValueTask.FromResult<RemotingCommand?>(null);
        }
    }
}
