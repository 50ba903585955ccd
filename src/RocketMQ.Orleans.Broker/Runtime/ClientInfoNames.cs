using System.Collections.Immutable;
using System.Text;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Turns this broker's view of a consumer into the control plane's <see cref="ConsumerClientInfo"/> (Java enum names).</summary>
public static class ClientInfoNames
{
    public static ConsumerClientInfo ToClientInfo(ConsumerGroupInfo group, ClientChannelInfo channel) => new(
        channel.ClientId,
        channel.RemoteAddress,
        channel.Language.ToString(),
        channel.Version,
        [.. group.GetSubscriptions().Select(ToSubscription)],
        JavaName(group.ConsumeType.ToString()),
        JavaName(group.MessageModel.ToString()),
        JavaName(group.ConsumeFromWhere.ToString()));

    public static ConsumerSubscription ToSubscription(SubscriptionData data) => new(
        data.Topic,
        data.SubString ?? SubscriptionData.SubAll,
        [.. data.TagsSet],
        [.. data.CodeSet],
        data.SubVersion,
        data.ExpressionType);

    /// <summary>"ConsumeFromLastOffset" → "CONSUME_FROM_LAST_OFFSET".</summary>
    public static string JavaName(string pascalCase)
    {
        var builder = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var ch = pascalCase[i];
            if (char.IsUpper(ch) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(ch));
        }

        return builder.ToString();
    }

    internal static ImmutableArray<ConsumerClientInfo> Snapshot(ConsumerGroupInfo? group) =>
        group is null ? [] : [.. group.GetChannels().Select(channel => ToClientInfo(group, channel))];
}
