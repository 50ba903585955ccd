using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// GET_NAMESRV_CONFIG and UPDATE_NAMESRV_CONFIG (mqadmin getNamesrvConfig / updateNamesrvConfig). The name server
/// here is a role of every silo, configured with the silo; the answer carries Apache NamesrvConfig's and
/// NettyServerConfig's names with this silo's values (orderMessageEnable is true because routes always carry the
/// ORDER_TOPIC_CONFIG entry; the file paths are left out: KV config lives in grains, not in kvConfigPath). None of
/// these settings changes while the silo runs, so an update naming one is refused as Apache refuses a key on its
/// config black list; unknown keys are ignored as Apache ignores them.
/// </summary>
public sealed class NameServerConfigProcessor(IOptions<RemotingServerOptions> remoting, ILogger<NameServerConfigProcessor> logger) : IRequestProcessor
{
    public static IReadOnlyList<int> RequestCodes { get; } = [RequestCode.UpdateNamesrvConfig, RequestCode.GetNamesrvConfig];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var settings = Settings();
        if (request.Code == RequestCode.GetNamesrvConfig)
        {
            var response = request.CreateResponseTo(ResponseCode.Success);
            response.Body = JavaProperties.Write(settings);
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        NameServerLog.ConfigUpdateCalled(logger, context.Connection.RemoteEndPoint);
        if (!request.Body.IsEmpty && JavaProperties.Read(request.Body.Span).Keys.Any(settings.ContainsKey))
        {
            return ValueTask.FromResult<RemotingCommand?>(request.CreateResponseTo(ResponseCode.NoPermission, "Can not update config in black list."));
        }

        return ValueTask.FromResult<RemotingCommand?>(request.CreateResponseTo(ResponseCode.Success));
    }

    private SortedDictionary<string, string> Settings()
    {
        var options = remoting.Value;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["productEnvName"] = "center",
            ["clusterTest"] = "false",
            ["orderMessageEnable"] = "true",
            ["listenPort"] = options.NameServerPort.ToString(CultureInfo.InvariantCulture),
            ["serverWorkerThreads"] = options.ServerWorkerThreads.ToString(CultureInfo.InvariantCulture),
            ["serverSelectorThreads"] = options.ServerSelectorThreads.ToString(CultureInfo.InvariantCulture),
            ["serverChannelMaxIdleTimeSeconds"] = options.ChannelMaxIdleTimeSeconds.ToString(CultureInfo.InvariantCulture),
        };
    }
}
