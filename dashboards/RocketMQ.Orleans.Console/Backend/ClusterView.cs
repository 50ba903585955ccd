using System.Globalization;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The cluster page: Orleans silos with their membership status (dead incarnations folded, <see cref="SiloRows"/>), and every broker group of every cluster as the
/// control plane's directory grains record it (members, addresses, liveness from membership), with each live
/// master's runtime figures (put TPS, disk use) from GET_BROKER_RUNTIME_INFO.
/// </summary>
public sealed class ClusterView(SiloServices silo, ConsoleClients clients, BrokerAdminCalls calls)
{
    public async Task<ClusterModel> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = silo.Membership.CurrentSnapshot;
        var silos = SiloRows.Fold(snapshot.Members.Values.Select(member =>
            new SiloRow(member.SiloAddress, member.Name, member.Status, member.SiloAddress.Equals(silo.LocalSilo))));

        var clusterNames = new SortedSet<string>(StringComparer.Ordinal) { silo.BrokerIdentity?.BrokerClusterName ?? Abstractions.ControlPlaneDefaults.DefaultCluster };
        var info = await clients.Admin.GetClusterInfoAsync(cancellationToken).ConfigureAwait(false);
        clusterNames.UnionWith(info.ClusterAddrTable.Keys);

        var brokers = new List<BrokerModel>();
        foreach (var clusterName in clusterNames)
        {
            var directory = await silo.GrainFactory.GetGrain<IClusterDirectoryGrain>(clusterName).GetAsync().ConfigureAwait(false);
            foreach (var brokerName in directory.BrokerNames)
            {
                if (await silo.GrainFactory.GetGrain<IBrokerGroupGrain>(brokerName).GetAsync().ConfigureAwait(false) is not { } group)
                {
                    continue;
                }

                foreach (var member in group.Members.Values.OrderBy(member => member.BrokerId))
                {
                    brokers.Add(await DescribeAsync(clusterName, group, member, snapshot.GetSiloStatus(member.Silo), cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return new ClusterModel(silos.Current, silos.Past, brokers);
    }

    private async Task<BrokerModel> DescribeAsync(string clusterName, BrokerGroupInfo group, BrokerMember member, SiloStatus status, CancellationToken cancellationToken)
    {
        var live = status == SiloStatus.Active;
        IReadOnlyDictionary<string, string>? runtime = null;
        string? error = null;
        if (live)
        {
            try
            {
                runtime = await calls.GetRuntimeInfoAsync(member.Address, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One unreachable broker must not blank the whole page.
                error = exception.Message;
            }
        }

        return new BrokerModel(
            clusterName,
            group.BrokerName,
            member.BrokerId,
            member.Address,
            member.Silo.ToString(),
            status.ToString(),
            live,
            FirstNumber(runtime, "putTps"),
            FirstNumber(runtime, "getFoundTps"),
            FirstNumber(runtime, "commitLogDiskRatio"),
            runtime?.GetValueOrDefault("commitLogDirCapacity"),
            runtime?.GetValueOrDefault("brokerVersionDesc"),
            runtime?.GetValueOrDefault("runtime"),
            FirstNumber(runtime, "msgPutTotalTodayNow"),
            FirstNumber(runtime, "msgGetTotalTodayNow"),
            error);
    }

    /// <summary>The first number of a runtime value ("12.5 10.0 3.1" → 12.5, the 10-second put TPS).</summary>
    private static double? FirstNumber(IReadOnlyDictionary<string, string>? table, string key) =>
        table?.GetValueOrDefault(key) is { } text
        && double.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

public sealed record ClusterModel(IReadOnlyList<SiloModel> Silos, IReadOnlyList<PastSiloModel> PastSilos, IReadOnlyList<BrokerModel> Brokers);

public sealed record SiloModel(string Address, string? Name, string Status, bool IsLocal);

public sealed record BrokerModel(
    string Cluster,
    string BrokerName,
    long BrokerId,
    string Address,
    string Silo,
    string SiloStatus,
    bool Live,
    double? PutTps,
    double? GetFoundTps,
    double? DiskRatio,
    string? DiskCapacity,
    string? Version,
    string? Uptime,
    double? MessagesPut,
    double? MessagesGot,
    string? Error);
