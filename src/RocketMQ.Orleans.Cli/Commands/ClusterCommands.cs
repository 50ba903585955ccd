using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq cluster list</c>.</summary>
internal static class ClusterCommands
{
    public static Command Build()
    {
        var cluster = new Command("cluster", "Clusters and broker groups");
        var list = new Command("list", "List broker groups and their addresses (GET_BROKER_CLUSTER_INFO)");
        CommandRunner.SetAction(list, async (parseResult, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var info = await admin.GetClusterInfoAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{"#Cluster Name",-22}{"#Broker Name",-32}{"#BID",-6}#Addr");
            foreach (var (clusterName, brokerNames) in info.ClusterAddrTable.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                foreach (var brokerName in brokerNames.Order(StringComparer.Ordinal))
                {
                    if (!info.BrokerAddrTable.TryGetValue(brokerName, out var broker))
                    {
                        continue;
                    }

                    foreach (var (brokerId, address) in broker.BrokerAddrs.OrderBy(entry => entry.Key))
                    {
                        Console.WriteLine($"{clusterName,-22}{brokerName,-32}{brokerId,-6}{address}");
                    }
                }
            }
        });
        cluster.Subcommands.Add(list);
        return cluster;
    }
}
