using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Processors.Names;

/// <summary>
/// The answer every broker entry point gives a malformed topic or group name (<see cref="ResourceNames"/>): Apache 4.9's
/// SYSTEM_ERROR with TopicValidator's remark, before anything is looked up, cached or created under that name.
/// </summary>
internal static class NameRefusals
{
    public static RemotingCommand? Topic(string? topic) =>
        ResourceNames.ValidateTopic(topic) is { } remark ? RemotingCommand.CreateResponse(ResponseCode.SystemError, remark) : null;

    public static RemotingCommand? Group(string? group) =>
        ResourceNames.ValidateGroup(group) is { } remark ? RemotingCommand.CreateResponse(ResponseCode.SystemError, remark) : null;

    public static RemotingCommand? GroupAndTopic(string? group, string? topic) => Group(group) ?? Topic(topic);

    /// <summary>A client's write to a system group's offsets or configuration (see <see cref="SystemTopics.SystemGroupForbidden"/>).</summary>
    public static RemotingCommand? SystemGroupWrite(string group) =>
        SystemTopics.IsSysConsumerGroup(group)
            ? RemotingCommand.CreateResponse(ResponseCode.NoPermission, SystemTopics.SystemGroupForbidden(group))
            : null;
}
