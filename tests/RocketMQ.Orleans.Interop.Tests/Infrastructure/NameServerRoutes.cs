using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>GET_ROUTEINFO_BY_TOPIC against a name server with our own protocol library, independent of ali-ons.</summary>
public static class NameServerRoutes
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The topic's route, or null while the name server answers TOPIC_NOT_EXIST or cannot be reached yet.</summary>
    public static async Task<TopicRouteData?> TryGetAsync(string nameServerAddress, string topic)
    {
        try
        {
            await using var connection = await RemotingConnection.ConnectAsync(nameServerAddress, CallTimeout);
            var request = RemotingCommand.CreateRequest(RequestCode.GetRouteInfoByTopic, new GetRouteInfoRequestHeader { Topic = topic });
            var response = await connection.InvokeAsync(request, CallTimeout);
            return response.Code switch
            {
                ResponseCode.Success => RemotingBody.Decode<TopicRouteData>(response.Body.Span),
                ResponseCode.TopicNotExist => null,
                _ => throw new InvalidOperationException($"GET_ROUTEINFO_BY_TOPIC {topic} answered {response.Code}: {response.Remark}"),
            };
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="route"/> holds every broker of <paramref name="expected"/> (name → broker address)
    /// as a master at that address, each with queues and, when given, <paramref name="queueNums"/> read and write queues.
    /// </summary>
    public static bool Spans(TopicRouteData? route, IReadOnlyDictionary<string, string> expected, int? queueNums = null)
    {
        if (route is null)
        {
            return false;
        }

        foreach (var (brokerName, address) in expected)
        {
            var broker = route.BrokerDatas.FirstOrDefault(b => b.BrokerName == brokerName);
            var queues = route.QueueDatas.FirstOrDefault(q => q.BrokerName == brokerName);
            if (broker is null || !broker.BrokerAddrs.TryGetValue(0, out var master) || master != address
                || queues is null || queues.ReadQueueNums == 0
                || (queueNums is { } n && (queues.ReadQueueNums != n || queues.WriteQueueNums != n)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"broker: addresses, queues r/w" per broker, for failure messages.</summary>
    public static string Describe(TopicRouteData? route) =>
        route is null
            ? "no route"
            : string.Join("; ", route.BrokerDatas.Select(b =>
            {
                var queues = route.QueueDatas.FirstOrDefault(q => q.BrokerName == b.BrokerName);
                string addresses = string.Join(",", b.BrokerAddrs.Select(a => $"{a.Key}={a.Value}"));
                return $"{b.BrokerName} [{addresses}] queues {queues?.ReadQueueNums}/{queues?.WriteQueueNums}";
            }));
}
