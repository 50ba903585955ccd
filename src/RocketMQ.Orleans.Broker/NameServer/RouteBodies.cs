using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Protocol.Bodies;
using BodyQueueData = RocketMQ.Orleans.Protocol.Bodies.QueueData;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>Turns control-plane values into the name server's wire bodies.</summary>
public static class RouteBodies
{
    /// <summary>Apache TopicRouteData; filterServerTable is always empty (no filter servers here).</summary>
    public static TopicRouteData ToTopicRouteData(TopicRoute route, string? orderTopicConf)
    {
        ArgumentNullException.ThrowIfNull(route);
        var data = new TopicRouteData { OrderTopicConf = orderTopicConf };
        foreach (var queue in route.QueueDatas)
        {
            data.QueueDatas.Add(new BodyQueueData
            {
                BrokerName = queue.BrokerName,
                ReadQueueNums = queue.ReadQueueNums,
                WriteQueueNums = queue.WriteQueueNums,
                Perm = queue.Perm,
                TopicSysFlag = queue.TopicSysFlag,
            });
        }

        foreach (var group in route.BrokerDatas)
        {
            data.BrokerDatas.Add(ToBrokerData(group));
        }

        return data;
    }

    /// <summary>Apache BrokerData: the group's cluster, name and member addresses by broker id.</summary>
    public static BrokerData ToBrokerData(BrokerGroupInfo group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var data = new BrokerData { Cluster = group.ClusterName, BrokerName = group.BrokerName };
        foreach (var (brokerId, member) in group.Members)
        {
            data.BrokerAddrs[brokerId] = member.Address;
        }

        return data;
    }
}
