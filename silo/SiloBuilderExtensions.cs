using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Streaming.Hosting;
using StackExchange.Redis;

namespace RocketMQ.Orleans.Silo;

internal static class SiloBuilderExtensions
{
    /// <summary>
    /// Cluster membership by configuration: the embedded single-node default (localhost clustering, no external
    /// service) or Redis / ADO.NET membership for several silos on one machine or several.
    /// </summary>
    public static ISiloBuilder ConfigureRocketMQSilo(this ISiloBuilder silo, SiloHostOptions options)
    {
        switch (options.Clustering)
        {
            case SiloClustering.Localhost:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                break;
            case SiloClustering.Redis:
                silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = ConfigurationOptions.Parse(RequireConnectionString(options)));
                ConfigureEndpoints(silo, options);
                break;
            case SiloClustering.AdoNet:
                silo.UseAdoNetClustering(clustering =>
                {
                    clustering.Invariant = options.AdoNetInvariant;
                    clustering.ConnectionString = RequireConnectionString(options);
                });
                ConfigureEndpoints(silo, options);
                break;
            default:
                throw new InvalidOperationException($"Unknown Silo:Clustering '{options.Clustering}'.");
        }

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        return silo;
    }

    /// <summary>
    /// True when the control-plane grain state goes to an external store registered here (Redis, ADO.NET) rather
    /// than the broker's embedded file storage; Orleans' "PubSubStore" (explicit stream subscriptions) goes there too.
    /// </summary>
    public static bool AddExternalGrainStorage(this ISiloBuilder silo, SiloHostOptions options)
    {
        var connectionString = options.GrainStorageConnectionString is { Length: > 0 } own ? own : options.ConnectionString;
        switch (options.GrainStorage)
        {
            case SiloGrainStorage.File:
                return false;
            case SiloGrainStorage.Redis:
                // The control plane and Orleans' stream pub-sub (explicit subscriptions) in the same store.
                foreach (var name in new[] { ControlPlaneStorage.ProviderName, PubSubStoreSiloBuilderExtensions.PubSubStoreName })
                {
                    silo.AddRedisGrainStorage(name, storage =>
                        storage.ConfigurationOptions = ConfigurationOptions.Parse(Require(connectionString, "Silo:GrainStorageConnectionString")));
                }

                return true;
            case SiloGrainStorage.AdoNet:
                foreach (var name in new[] { ControlPlaneStorage.ProviderName, PubSubStoreSiloBuilderExtensions.PubSubStoreName })
                {
                    silo.AddAdoNetGrainStorage(name, storage =>
                    {
                        storage.Invariant = options.AdoNetInvariant;
                        storage.ConnectionString = Require(connectionString, "Silo:GrainStorageConnectionString");
                    });
                }

                return true;
            default:
                throw new InvalidOperationException($"Unknown Silo:GrainStorage '{options.GrainStorage}'.");
        }
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, SiloHostOptions options)
    {
        if (options.AdvertisedIPAddress is { Length: > 0 } advertised)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(advertised), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }

        if (options.ListenAddress is { Length: > 0 } listen)
        {
            var address = IPAddress.Parse(listen);
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloListeningEndpoint = new IPEndPoint(address, options.SiloPort);
                endpoints.GatewayListeningEndpoint = new IPEndPoint(address, options.GatewayPort);
            });
        }
    }

    private static string RequireConnectionString(SiloHostOptions options) => Require(options.ConnectionString, "Silo:ConnectionString");

    private static string Require(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{setting} is required for this clustering or storage choice.")
            : value;
}
