using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>A broker's runtime figures, Apache's key names and formats (<c>fetchBrokerRuntimeStats</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetBrokerRuntimeStatsAsync(string brokerAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(brokerAddress);
        var response = await _core.InvokeAsync(brokerAddress, _core.CreateRequest(RequestCode.GetBrokerRuntimeInfo), cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<KVTable>(response, brokerAddress).Table;
    }

    /// <summary>A broker's settings as its "key=value" text parsed (Apache <c>getBrokerConfig</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetBrokerConfigAsync(string brokerAddress, CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeAsync(brokerAddress, _core.CreateRequest(RequestCode.GetBrokerConfig), cancellationToken: cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, brokerAddress);
        return ParseProperties(response.Body.Span);
    }

    /// <summary>Changes broker settings live (Apache <c>updateBrokerConfig</c>); the broker refuses settings it cannot change live.</summary>
    public async Task UpdateBrokerConfigAsync(string brokerAddress, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var body = System.Text.Encoding.UTF8.GetBytes(string.Concat(settings.Select(setting => setting.Key + "=" + setting.Value + "\n")));
        var response = await _core.InvokeAsync(brokerAddress, _core.CreateRequest(RequestCode.UpdateBrokerConfig, body: body), cancellationToken: cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, brokerAddress);
    }

    /// <summary>Raw consume-queue entries of a queue from an index (Apache <c>queryConsumeQueue</c>, mqadmin queryCq).</summary>
    public async Task<QueryConsumeQueueResponseBody?> QueryConsumeQueueAsync(string brokerAddress, string topic, int queueId, long index, int count, string? consumerGroup = null, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.QueryConsumeQueue);
        request.ExtFields = new()
        {
            ["topic"] = topic,
            ["queueId"] = queueId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (consumerGroup is not null)
        {
            request.ExtFields["consumerGroup"] = consumerGroup;
        }

        var response = ResponseChecks.EnsureSuccess(await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false), brokerAddress);
        // Apache answers SUCCESS without a body when the index is outside the queue.
        return response.Body.IsEmpty ? null : Protocol.Bodies.RemotingBody.Decode<QueryConsumeQueueResponseBody>(response.Body.Span);
    }

    /// <summary>Every group's progress on one broker (Apache <c>fetchConsumeStatsInBroker</c>, mqadmin brokerConsumeStats).</summary>
    public async Task<ConsumeStatsList> GetBrokerConsumeStatsAsync(string brokerAddress, bool orderOnly = false, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.GetBrokerConsumeStats);
        request.ExtFields = new() { ["isOrder"] = orderOnly ? "true" : "false" };
        var response = await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<ConsumeStatsList>(response, brokerAddress);
    }

    /// <summary>A broker stats item's figures as raw JSON (Apache <c>viewBrokerStatsData</c>, mqadmin statsAll).</summary>
    public async Task<string> ViewBrokerStatsDataAsync(string brokerAddress, string statsName, string statsKey, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.ViewBrokerStatsData);
        request.ExtFields = new() { ["statsName"] = statsName, ["statsKey"] = statsKey };
        var response = ResponseChecks.EnsureSuccess(await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false), brokerAddress);
        return System.Text.Encoding.UTF8.GetString(response.Body.Span);
    }

    /// <summary>Puts a message back into the transaction half topic with its check count reset (Apache <c>resumeCheckHalfMessage</c>).</summary>
    public async Task ResumeCheckHalfMessageAsync(string brokerAddress, string offsetMsgId, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.ResumeCheckHalfMessage);
        request.ExtFields = new() { ["msgId"] = offsetMsgId };
        ResponseChecks.EnsureSuccess(await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false), brokerAddress);
    }
}
