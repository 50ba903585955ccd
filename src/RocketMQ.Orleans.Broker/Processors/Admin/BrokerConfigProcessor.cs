using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// GET_BROKER_CONFIG and UPDATE_BROKER_CONFIG (mqadmin getBrokerConfig / updateBrokerConfig): the broker's settings
/// as Apache's "key=value" text under Apache's names, and live updates of the settings every request reads afresh.
/// A setting fixed at start here (thread counts, store layout, identity) is refused as Apache refuses a key on its
/// config black list, so an operator never sees SUCCESS for a change that did not happen; unknown keys are ignored
/// as Apache's Configuration.update ignores them.
/// </summary>
internal sealed class BrokerConfigProcessor(BrokerRuntime runtime, ILogger<BrokerConfigProcessor> logger) : IRequestProcessor
{
    public static IReadOnlyList<int> RequestCodes { get; } = [RequestCode.UpdateBrokerConfig, RequestCode.GetBrokerConfig];

    private readonly Lock _gate = new();
    private long _counter;
    private long _timestamp = runtime.Now;

    /// <summary>The settings processors read from <see cref="BrokerOptions"/> on every request, so a change applies at once.</summary>
    private static readonly Dictionary<string, Action<BrokerOptions, string>> LiveSettings = new(StringComparer.Ordinal)
    {
        ["autoCreateTopicEnable"] = (o, v) => o.AutoCreateTopicEnable = JavaBoolean(v),
        ["autoCreateSubscriptionGroup"] = (o, v) => o.AutoCreateSubscriptionGroup = JavaBoolean(v),
        ["longPollingEnable"] = (o, v) => o.LongPollingEnable = JavaBoolean(v),
        ["shortPollingTimeMills"] = (o, v) => o.ShortPollingTimeMills = int.Parse(v, CultureInfo.InvariantCulture),
        ["enablePropertyFilter"] = (o, v) => o.EnablePropertyFilter = JavaBoolean(v),
        ["regionId"] = (o, v) => o.RegionId = v,
        ["traceOn"] = (o, v) => o.TraceOn = JavaBoolean(v),
        ["defaultQueryMaxNum"] = (o, v) => o.DefaultQueryMaxNum = int.Parse(v, CultureInfo.InvariantCulture),
        ["rejectTransactionMessage"] = (o, v) => o.RejectTransactionMessage = JavaBoolean(v),
    };

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RemotingCommand?>(request.Code == RequestCode.GetBrokerConfig ? Get(request) : Update(context, request));

    private RemotingCommand Get(RemotingCommand request)
    {
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = JavaProperties.Write(Snapshot());
        lock (_gate)
        {
            // GetBrokerConfigResponseHeader.version: the configuration's DataVersion as JSON.
            response.ExtFields = new() { ["version"] = System.Text.Encoding.UTF8.GetString(new DataVersion(_timestamp, _counter).Encode()) };
        }

        return response;
    }

    private RemotingCommand Update(RemotingRequestContext context, RemotingCommand request)
    {
        AdminLog.AdminCall(logger, "updateBrokerConfig", runtime.Identity.BrokerName, context.Connection.RemoteEndPoint);
        if (request.Body.IsEmpty)
        {
            return request.CreateResponseTo(ResponseCode.Success);
        }

        var properties = JavaProperties.Read(request.Body.Span);
        var known = Snapshot();
        if (properties.Keys.Any(key => known.ContainsKey(key) && !LiveSettings.ContainsKey(key)))
        {
            return request.CreateResponseTo(ResponseCode.NoPermission, "Can not update config in black list.");
        }

        try
        {
            lock (_gate)
            {
                foreach (var (key, value) in properties)
                {
                    if (LiveSettings.TryGetValue(key, out var apply))
                    {
                        apply(runtime.Options, value.Trim());
                    }
                }

                _counter++;
                _timestamp = runtime.Now;
            }
        }
        catch (FormatException exception)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, exception.Message);
        }

        return request.CreateResponseTo(ResponseCode.Success);
    }

    /// <summary>Apache's names: BrokerConfig's identity fields, then every scalar <see cref="BrokerOptions"/> setting.</summary>
    private SortedDictionary<string, string> Snapshot()
    {
        var identity = runtime.Identity;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["brokerName"] = identity.BrokerName,
            ["brokerClusterName"] = identity.ClusterName,
            ["brokerId"] = identity.BrokerId.ToString(CultureInfo.InvariantCulture),
            ["brokerIP1"] = identity.BrokerIP,
            ["listenPort"] = identity.StoreHost.Port.ToString(CultureInfo.InvariantCulture),
            ["storePathRootDir"] = runtime.Store.Options.DataPath,
            ["flushDiskType"] = runtime.Store.Options.FlushDiskType == Store.FlushDiskType.SyncFlush ? "SYNC_FLUSH" : "ASYNC_FLUSH",
        };
        foreach (var property in typeof(BrokerOptions).GetProperties())
        {
            if (property.CanWrite && property.GetValue(runtime.Options) is { } value && (value is string || value.GetType().IsPrimitive))
            {
                settings[char.ToLowerInvariant(property.Name[0]) + property.Name[1..]] = value is bool flag
                    ? (flag ? "true" : "false")
                    : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return settings;
    }

    /// <summary>Java Boolean.parseBoolean.</summary>
    private static bool JavaBoolean(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
