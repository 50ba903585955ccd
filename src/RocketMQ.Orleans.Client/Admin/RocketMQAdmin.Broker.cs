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
}
