using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Hosting;

/// <summary>Request builders for the name-server and admin codes the tests use.</summary>
internal static class AdminCommands
{
    public static RemotingCommand Route(string topic) =>
        RemotingCommand.CreateRequest(RequestCode.GetRouteInfoByTopic, new GetRouteInfoRequestHeader { Topic = topic });

    public static RemotingCommand CreateTopic(string topic, int queues = 4, int perm = 6, bool order = false, string? attributes = null) =>
        RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateTopic, new CreateTopicRequestHeader
        {
            Topic = topic,
            DefaultTopic = "TBW102",
            ReadQueueNums = queues,
            WriteQueueNums = queues,
            Perm = perm,
            TopicFilterType = "SINGLE_TAG",
            TopicSysFlag = 0,
            Order = order,
            Attributes = attributes,
        });

    public static RemotingCommand Fields(int code, params (string Name, string Value)[] fields) =>
        RemotingCommand.CreateRequest(code, fields.ToDictionary(field => field.Name, field => field.Value, StringComparer.Ordinal));
}
