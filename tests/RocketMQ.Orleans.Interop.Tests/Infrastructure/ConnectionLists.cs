using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>The producer connection list of a group as mqadmin producerConnection reads it, through the .NET admin client.</summary>
internal static class ConnectionLists
{
    /// <summary>The client ids listed for <paramref name="group"/>; none when the broker says the group does not exist.</summary>
    public static async Task<IReadOnlyList<string>> ProducerIdsAsync(RocketMQAdmin admin, string brokerAddress, string group)
    {
        try
        {
            return [.. (await admin.GetProducerConnectionAsync(brokerAddress, group)).ConnectionSet.Select(connection => connection.ClientId)];
        }
        // Apache answers SYSTEM_ERROR "the producer group[...] not exist" for a group without producers.
        catch (RocketMQClientException exception) when (exception.ResponseCode == ResponseCode.SystemError && exception.Remark?.Contains("not exist", StringComparison.Ordinal) == true)
        {
            return [];
        }
    }
}
