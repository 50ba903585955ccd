using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Admin;

/// <summary>
/// Administration over the remoting protocol (Apache <c>DefaultMQAdminExt</c> subset): topics, subscription groups,
/// consumer progress and connections, and message lookups by id and key.
/// </summary>
public sealed partial class RocketMQAdmin : IAsyncDisposable
{
    private readonly ClientCore _core;

    public RocketMQAdmin(RocketMQClientOptions clientOptions, ILoggerFactory? loggerFactory = null)
    {
        _core = new ClientCore(clientOptions, loggerFactory);
    }

    /// <summary>Broker groups and clusters as the name server knows them.</summary>
    public Task<ClusterInfo> GetClusterInfoAsync(CancellationToken cancellationToken = default) =>
        _core.NameServer.GetClusterInfoAsync(cancellationToken);

    /// <summary>Master addresses of the broker groups of <paramref name="clusterName"/>, or of every cluster when null.</summary>
    public async Task<IReadOnlyList<(string BrokerName, string Address)>> GetMasterBrokersAsync(string? clusterName = null, CancellationToken cancellationToken = default)
    {
        var info = await GetClusterInfoAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<string> brokerNames;
        if (clusterName is null)
        {
            brokerNames = info.BrokerAddrTable.Keys;
        }
        else if (!info.ClusterAddrTable.TryGetValue(clusterName, out var names))
        {
            throw new RocketMQClientException($"The cluster '{clusterName}' does not exist.");
        }
        else
        {
            brokerNames = names;
        }

        var masters = new List<(string, string)>();
        foreach (var name in brokerNames.Order(StringComparer.Ordinal))
        {
            if (info.BrokerAddrTable.TryGetValue(name, out var broker) && broker.BrokerAddrs.TryGetValue(MixAll.MasterId, out var address))
            {
                masters.Add((name, address));
            }
        }

        if (masters.Count == 0)
        {
            throw new RocketMQClientException(clusterName is null ? "No broker is registered." : $"The cluster '{clusterName}' has no master broker.");
        }

        return masters;
    }

    public ValueTask DisposeAsync() => _core.DisposeAsync();
}
