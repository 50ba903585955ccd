using System.Net;
using Orleans.Runtime;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;

namespace RocketMQ.Orleans.Cluster.Tests.Registration;

public sealed class BrokerIdentityOptionsTests
{
    [Fact]
    public void Defaults_are_rocketmqs_and_the_name_and_ip_are_derived()
    {
        var options = new BrokerIdentityOptions();
        new BrokerIdentityDefaults(new FakeSiloDetails()).PostConfigure(null, options);

        Assert.Equal("DefaultCluster", options.BrokerClusterName);
        Assert.Equal(0, options.BrokerId);
        Assert.Equal(10911, options.ListenPort);
        Assert.Equal("broker-10.1.2.3-11111", options.BrokerName);
        Assert.True(IPAddress.TryParse(options.BrokerIP1, out var ip));
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, ip.AddressFamily);
        Assert.Equal($"{options.BrokerIP1}:10911", options.BrokerAddress);
        Assert.True(new BrokerIdentityOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Configured_values_are_kept()
    {
        var options = new BrokerIdentityOptions { BrokerName = "broker-a", BrokerIP1 = "192.168.0.7" };
        new BrokerIdentityDefaults(new FakeSiloDetails()).PostConfigure(null, options);

        Assert.Equal("broker-a", options.BrokerName);
        Assert.Equal("192.168.0.7:10911", options.BrokerAddress);
    }

    [Theory]
    [InlineData("broker a", "DefaultCluster", 0, "127.0.0.1", 10911, "BrokerName")]
    [InlineData("broker-a", "", 0, "127.0.0.1", 10911, "BrokerClusterName")]
    [InlineData("broker-a", "DefaultCluster", -1, "127.0.0.1", 10911, "BrokerId")]
    [InlineData("broker-a", "DefaultCluster", 0, "not-an-ip", 10911, "BrokerIP1")]
    [InlineData("broker-a", "DefaultCluster", 0, "127.0.0.1", 70000, "ListenPort")]
    public void Invalid_identities_are_rejected_naming_the_setting(string name, string cluster, long id, string ip, int port, string setting)
    {
        var options = new BrokerIdentityOptions { BrokerName = name, BrokerClusterName = cluster, BrokerId = id, BrokerIP1 = ip, ListenPort = port };

        var result = new BrokerIdentityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }

    private sealed class FakeSiloDetails : ILocalSiloDetails
    {
        public string Name => "silo";

        public string ClusterId => "cluster";

        public string DnsHostName => "host";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(IPAddress.Parse("10.1.2.3"), 11111, 1);

        public SiloAddress GatewayAddress => SiloAddress;
    }
}
