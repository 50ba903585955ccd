using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary>Fails a command early, with "not found" (exit 3), when the name server has no route for its topic.</summary>
internal static class TopicGuard
{
    public static async Task RequireAsync(RocketMQAdmin admin, string topic, CancellationToken cancellationToken)
    {
        if (await admin.GetTopicRouteAsync(topic, cancellationToken).ConfigureAwait(false) is null)
        {
            throw CliException.NotFound($"The topic {topic} does not exist (no route in the name server).");
        }
    }
}
