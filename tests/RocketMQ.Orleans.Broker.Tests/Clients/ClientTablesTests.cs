using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Tests.Orderly;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Tests.Clients;

/// <summary>
/// The producer and consumer tables hold clients of any transport (<see cref="IClientChannel"/>): a RocketMQ 5 gRPC
/// client beside remoting ones is listed, expired and closed the same way, but never sent a remoting call.
/// </summary>
public sealed class ClientTablesTests
{
    private readonly ManualClock _time = new();

    [Fact]
    public void An_available_channel_is_a_live_one_of_the_asked_transport()
    {
        var producers = new ProducerManager(_time);
        var grpc = new OtherTransportChannel();
        var remoting = new TestConnection();
        producers.RegisterProducer("TopicT", Client(grpc, "grpc-client"));
        producers.RegisterProducer("TopicT", Client(remoting, "remoting-client"));

        Assert.Equal(2, producers.GetChannels("TopicT").Count);
        Assert.Same(remoting, producers.GetAvailableChannel<IRemotingConnection>("TopicT")?.Channel);
        Assert.Same(grpc, producers.GetAvailableChannel<OtherTransportChannel>("TopicT")?.Channel);

        grpc.Close();
        Assert.Null(producers.GetAvailableChannel<OtherTransportChannel>("TopicT"));
        Assert.Null(producers.GetAvailableChannel<IRemotingConnection>("NoSuchGroup"));
    }

    [Fact]
    public void Every_live_producer_of_the_transport_is_picked_in_turn()
    {
        var producers = new ProducerManager(_time);
        var channels = Enumerable.Range(0, 4).Select(_ => new TestConnection()).ToArray();
        foreach (var channel in channels)
        {
            producers.RegisterProducer("G", Client(channel, channel.Id));
        }

        var picked = new HashSet<IClientChannel>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 400 && picked.Count < channels.Length; i++)
        {
            picked.Add(producers.GetAvailableChannel<IRemotingConnection>("G")!.Channel);
        }

        Assert.Equal(channels.Length, picked.Count);
    }

    [Fact]
    public async Task A_consumer_of_another_transport_is_listed_but_only_remoting_consumers_are_told_of_changes()
    {
        var consumers = new ConsumerManager(new ConsumerIdsChangeNotifier(NullLogger<ConsumerIdsChangeNotifier>.Instance), _time);
        var remoting = new TestConnection();
        var grpc = new OtherTransportChannel();
        consumers.RegisterConsumer("G", Client(remoting, "remoting-client"), ConsumeType.ConsumePassively, MessageModel.Clustering,
            ConsumeFromWhere.ConsumeFromLastOffset, [new SubscriptionData { Topic = "T" }], notifyConsumerIdsChanged: true);
        Assert.Equal(RequestCode.NotifyConsumerIdsChanged, (await remoting.OnewayRequests.ReadAsync()).Code);

        consumers.RegisterConsumer("G", Client(grpc, "grpc-client"), ConsumeType.ConsumeActively, MessageModel.Clustering,
            ConsumeFromWhere.ConsumeFromLastOffset, [new SubscriptionData { Topic = "T" }], notifyConsumerIdsChanged: true);

        Assert.Equal(["grpc-client", "remoting-client"], consumers.GetConsumerGroupInfo("G")!.GetAllClientIds().Order());
        // The remoting member is told its group changed (once); the gRPC one, a popping client without a remoting
        // connection, is skipped rather than failing the notification round.
        Assert.Equal(RequestCode.NotifyConsumerIdsChanged, (await remoting.OnewayRequests.ReadAsync()).Code);
        Assert.False(remoting.OnewayRequests.TryRead(out _));
        Assert.True(grpc.IsActive);
    }

    [Fact]
    public void A_silent_client_of_another_transport_expires_and_is_closed_like_a_remoting_one()
    {
        var consumers = new ConsumerManager(new ConsumerIdsChangeNotifier(NullLogger<ConsumerIdsChangeNotifier>.Instance), _time);
        var producers = new ProducerManager(_time);
        var grpc = new OtherTransportChannel();
        var info = Client(grpc, "grpc-client");
        producers.RegisterProducer("TopicT", info);
        consumers.RegisterConsumer("G", info, ConsumeType.ConsumeActively, MessageModel.Clustering, ConsumeFromWhere.ConsumeFromLastOffset, [],
            notifyConsumerIdsChanged: true);

        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, producers.ScanNotActiveChannel(120_000) + consumers.ScanNotActiveChannel(120_000));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, producers.ScanNotActiveChannel(120_000) + consumers.ScanNotActiveChannel(120_000));
        Assert.False(grpc.IsActive);
        Assert.Empty(producers.GetChannels("TopicT"));
        Assert.Null(consumers.GetConsumerGroupInfo("G"));
    }

    [Fact]
    public void A_closed_channel_leaves_every_table()
    {
        var consumers = new ConsumerManager(new ConsumerIdsChangeNotifier(NullLogger<ConsumerIdsChangeNotifier>.Instance), _time);
        var producers = new ProducerManager(_time);
        var grpc = new OtherTransportChannel();
        var info = Client(grpc, "grpc-client");
        producers.RegisterProducer("TopicA", info);
        producers.RegisterProducer("TopicB", info);
        consumers.RegisterConsumer("G", info, ConsumeType.ConsumeActively, MessageModel.Clustering, ConsumeFromWhere.ConsumeFromLastOffset, [],
            notifyConsumerIdsChanged: false);

        producers.DoChannelCloseEvent(grpc);
        consumers.DoChannelCloseEvent(grpc);

        Assert.Empty(producers.Groups);
        Assert.Null(consumers.GetConsumerGroupInfo("G"));
    }

    private ClientChannelInfo Client(IClientChannel channel, string clientId) =>
        new(channel, clientId, LanguageCode.HTTP, 409, _time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>A client channel of a transport other than remoting (as the gRPC endpoint's Telemetry streams are).</summary>
    private sealed class OtherTransportChannel : IClientChannel
    {
        public EndPoint? RemoteEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 50_000);

        public bool IsActive { get; private set; } = true;

        public void Close() => IsActive = false;
    }
}
