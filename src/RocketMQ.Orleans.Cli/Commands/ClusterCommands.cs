using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using Spectre.Console.Rendering;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq clusterList</c> (also <c>rmq cluster list</c>).</summary>
internal static class ClusterCommands
{
    /// <summary>One broker of the cluster listing.</summary>
    internal sealed record BrokerRow(string Cluster, string BrokerName, long BrokerId, string Address);

    public static Command Build()
    {
        var cluster = new Command("cluster", "Clusters and broker groups (grouped form of clusterList)");
        cluster.Subcommands.Add(BuildClusterList("list"));
        return cluster;
    }

    public static Command BuildClusterList(string name = "clusterList")
    {
        var command = new Command(name, "List clusters, their broker groups and broker addresses (GET_BROKER_CLUSTER_INFO)") { CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var info = await admin.GetClusterInfoAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<BrokerRow>();
            foreach (var (clusterName, brokerNames) in info.ClusterAddrTable.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                foreach (var brokerName in brokerNames.Order(StringComparer.Ordinal))
                {
                    if (info.BrokerAddrTable.TryGetValue(brokerName, out var broker))
                    {
                        rows.AddRange(broker.BrokerAddrs.OrderBy(entry => entry.Key).Select(entry => new BrokerRow(clusterName, brokerName, entry.Key, entry.Value)));
                    }
                }
            }

            output.Write(rows, Render);
        });
        return command;
    }

    private static IRenderable Render(List<BrokerRow> rows)
    {
        var table = Tables.Create("Cluster", "Broker Name", "BID", "Address");
        foreach (var row in rows)
        {
            table.Row(row.Cluster, row.BrokerName, row.BrokerId, row.Address);
        }

        return table;
    }
}
