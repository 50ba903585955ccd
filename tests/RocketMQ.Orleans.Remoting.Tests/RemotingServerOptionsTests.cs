using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

public sealed class RemotingServerOptionsTests
{
    [Fact]
    public void Defaults_follow_Apache()
    {
        var options = new RemotingServerOptions();

        Assert.Equal(10911, options.ListenPort);
        Assert.Equal(9876, options.NameServerPort);
        Assert.True(options.EnableVipChannel);
        Assert.Equal(120, options.ChannelMaxIdleTimeSeconds);
        Assert.Equal(16 * 1024 * 1024, options.MaxFrameLength);
        Assert.Equal("0.0.0.0", options.BindAddress);
        Assert.True(new RemotingServerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Broker_listens_on_the_VIP_port_too()
    {
        Assert.Equal([10911, 10909], RemotingServer.BrokerPorts(new RemotingServerOptions()));
        Assert.Equal([10911], RemotingServer.BrokerPorts(new RemotingServerOptions { EnableVipChannel = false }));
        Assert.Equal([0], RemotingServer.BrokerPorts(new RemotingServerOptions { ListenPort = 0 }));
    }

    [Fact]
    public void Invalid_settings_are_all_named()
    {
        var options = new RemotingServerOptions
        {
            ListenPort = 70_000,
            BindAddress = "not-an-ip",
            ServerSelectorThreads = 0,
            MaxFrameLength = 10,
            ChannelMaxIdleTimeSeconds = -1,
            MaxInFlightRequestsPerConnection = 0,
        };

        var result = new RemotingServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var name in new[] { "ListenPort", "BindAddress", "ServerSelectorThreads", "MaxFrameLength", "ChannelMaxIdleTimeSeconds", "MaxInFlightRequestsPerConnection" })
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith(name, StringComparison.Ordinal));
        }

        Assert.Throws<OptionsValidationException>(() => RemotingServer.CreateNameServer(options, new Dispatching.RequestDispatcherBuilder().Build()));
    }
}
