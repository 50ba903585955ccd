using Orleans.Configuration;

namespace RocketMQ.Orleans.Silo;

internal static class SiloBuilderExtensions
{
    /// <summary>
    /// The embedded single-node default: localhost clustering, no external service needed.
    /// Scale-out clustering (Redis, ADO.NET) is selected here once the broker issue adds it.
    /// </summary>
    public static ISiloBuilder ConfigureRocketMQSilo(this ISiloBuilder silo, SiloHostOptions options)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        return silo;
    }
}
