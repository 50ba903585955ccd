using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>Clears the write permission of a broker group in the routes (mqadmin wipeWritePerm); returns the topics affected.</summary>
    public Task<int> WipeWritePermAsync(string brokerName, CancellationToken cancellationToken = default) =>
        ChangeWritePermAsync(RequestCode.WipeWritePermOfBroker, "wipeTopicCount", brokerName, cancellationToken);

    /// <summary>Gives a broker group its write permission back (mqadmin addWritePerm); returns the topics affected.</summary>
    public Task<int> AddWritePermAsync(string brokerName, CancellationToken cancellationToken = default) =>
        ChangeWritePermAsync(RequestCode.AddWritePermOfBroker, "addTopicCount", brokerName, cancellationToken);

    private async Task<int> ChangeWritePermAsync(int code, string countField, string brokerName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(brokerName);
        var response = await _core.InvokeNameServerAsync(() =>
        {
            var request = _core.CreateRequest(code);
            request.ExtFields = new() { ["brokerName"] = brokerName };
            return request;
        }, cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, "name server");
        return int.Parse(response.GetExtField(countField) ?? "0", CultureInfo.InvariantCulture);
    }

    /// <summary>The name server's settings (mqadmin getNamesrvConfig).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetNameServerConfigAsync(CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeNameServerAsync(() => _core.CreateRequest(RequestCode.GetNamesrvConfig), cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, "name server");
        return ParseProperties(response.Body.Span);
    }

    /// <summary>Changes name-server settings (mqadmin updateNamesrvConfig).</summary>
    public async Task UpdateNameServerConfigAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var body = Encoding.UTF8.GetBytes(string.Concat(settings.Select(setting => setting.Key + "=" + setting.Value + "\n")));
        var response = await _core.InvokeNameServerAsync(() => _core.CreateRequest(RequestCode.UpdateNamesrvConfig, body: body), cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, "name server");
    }

    /// <summary>The system topics the name server knows (cluster and broker names) and a broker to ask for the rest.</summary>
    public async Task<TopicList> GetSystemTopicListAsync(CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeNameServerAsync(() => _core.CreateRequest(RequestCode.GetSystemTopicListFromNs), cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<TopicList>(response, "name server");
    }

    private static Dictionary<string, string> ParseProperties(ReadOnlySpan<byte> body)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                settings[line[..separator]] = line[(separator + 1)..];
            }
        }

        return settings;
    }
}
