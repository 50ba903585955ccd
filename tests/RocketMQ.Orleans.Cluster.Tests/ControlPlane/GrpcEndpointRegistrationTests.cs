using Orleans;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.ControlPlane;

/// <summary>
/// A silo's RocketMQ 5 gRPC endpoint as its broker group records it beside the member registration: members report
/// the endpoint of their own silo, a restart of the same silo endpoint (a later generation) replaces the earlier
/// entry, and withdrawing it clears it.
/// </summary>
[Collection(ThreeSiloClusterCollection.Name)]
public sealed class GrpcEndpointRegistrationTests(ThreeSiloClusterFixture fixture)
{
    [Fact]
    public async Task A_member_reports_its_silos_grpc_endpoint_and_a_later_generation_of_the_silo_replaces_it()
    {
        var silo = fixture.Silos[1];
        var group = fixture.Silos[0].Get<IGrainFactory>().GetGrain<IBrokerGroupGrain>(TestClusters.BrokerNameOf(silo));
        try
        {
            await group.SetGrpcEndpointAsync(silo.SiloAddress, "127.0.0.1:18081");
            var master = (await group.GetAsync())!.Master!;
            Assert.Equal(silo.SiloAddress, master.Silo);
            Assert.Equal("127.0.0.1:18081", master.GrpcEndpoint);

            // The same silo endpoint restarted: its new generation's entry replaces the old one, which no member can match again.
            var restarted = SiloAddress.New(silo.SiloAddress.Endpoint, silo.SiloAddress.Generation + 1);
            await group.SetGrpcEndpointAsync(restarted, "127.0.0.1:18082");
            Assert.Null((await group.GetAsync())!.Master!.GrpcEndpoint);
            await group.SetGrpcEndpointAsync(restarted, null);
        }
        finally
        {
            await group.SetGrpcEndpointAsync(silo.SiloAddress, null);
        }

        Assert.Null((await group.GetAsync())!.Master!.GrpcEndpoint);
    }
}
