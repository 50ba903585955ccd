using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>Copies a group's offsets to another group on one broker (Apache <c>cloneGroupOffset</c>); all its topics when <paramref name="topic"/> is null.</summary>
    public async Task CloneGroupOffsetAsync(string brokerAddress, string sourceGroup, string destinationGroup, string? topic, bool offline, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.CloneGroupOffset);
        request.ExtFields = new() { ["srcGroup"] = sourceGroup, ["destGroup"] = destinationGroup, ["offline"] = offline ? "true" : "false" };
        if (topic is not null)
        {
            request.ExtFields["topic"] = topic;
        }

        ResponseChecks.EnsureSuccess(await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false), brokerAddress);
    }

    /// <summary>Per queue, the least offset of the topic's groups but <paramref name="filterGroups"/> (Apache <c>queryCorrectionOffset</c>).</summary>
    public async Task<IReadOnlyDictionary<int, long>> QueryCorrectionOffsetAsync(string brokerAddress, string topic, string compareGroup, string? filterGroups = null, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.QueryCorrectionOffset);
        request.ExtFields = new() { ["topic"] = topic, ["compareGroup"] = compareGroup };
        if (filterGroups is not null)
        {
            request.ExtFields["filterGroups"] = filterGroups;
        }

        var response = await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<QueryCorrectionOffsetBody>(response, brokerAddress).CorrectionOffsets;
    }

    /// <summary>The system topics a broker knows (Apache <c>getSystemTopicListFromBroker</c>).</summary>
    public async Task<IReadOnlyList<string>> GetSystemTopicListFromBrokerAsync(string brokerAddress, CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeAsync(brokerAddress, _core.CreateRequest(RequestCode.GetSystemTopicListFromBroker), cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<TopicList>(response, brokerAddress).Topics;
    }
}
