using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// The name server's KV configuration: PUT / GET / DELETE_KV_CONFIG, GET_KVLIST_BY_NAMESPACE and the older
/// GET_KV_CONFIG_BY_VALUE (keys whose value matches, ';'-joined) that ali-ons still knows. Writes go to the
/// namespace's <see cref="IKvConfigGrain"/>; reads come from <see cref="KvConfigCache"/>.
/// </summary>
public sealed class KvConfigProcessor(IGrainFactory grains, KvConfigCache cache, ILogger<KvConfigProcessor> logger) : IRequestProcessor
{
    public static IReadOnlyList<int> RequestCodes { get; } =
    [
        RequestCode.PutKvConfig, RequestCode.GetKvConfig, RequestCode.DeleteKvConfig,
        RequestCode.GetKvListByNamespace, RequestCode.GetKvConfigByValue,
    ];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.PutKvConfig => PutAsync(context, request),
            RequestCode.GetKvConfig => GetAsync(request),
            RequestCode.DeleteKvConfig => DeleteAsync(context, request),
            RequestCode.GetKvListByNamespace => GetNamespaceAsync(request),
            RequestCode.GetKvConfigByValue => GetByValueAsync(request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

    private async ValueTask<RemotingCommand?> PutAsync(RemotingRequestContext context, RemotingCommand request)
    {
        var header = request.ReadHeader<PutKVConfigRequestHeader>();
        if (IsBlank(header.Namespace))
        {
            return request.CreateResponseTo(ResponseCode.SystemError, BlankNamespaceRemark);
        }

        await grains.GetGrain<IKvConfigGrain>(header.Namespace).PutAsync(header.Key, header.Value).ConfigureAwait(false);
        cache.Invalidate(header.Namespace);
        NameServerLog.KvChanged(logger, header.Namespace, header.Key, "put", context.Connection.RemoteEndPoint);
        return request.CreateResponseTo(ResponseCode.Success);
    }

    private async ValueTask<RemotingCommand?> GetAsync(RemotingCommand request)
    {
        var header = request.ReadHeader<GetKVConfigRequestHeader>();
        var value = IsBlank(header.Namespace) ? null : await cache.GetAsync(header.Namespace, header.Key).ConfigureAwait(false);
        return ValueResponse(request, value, header);
    }

    private async ValueTask<RemotingCommand?> DeleteAsync(RemotingRequestContext context, RemotingCommand request)
    {
        var header = request.ReadHeader<DeleteKVConfigRequestHeader>();
        if (IsBlank(header.Namespace))
        {
            // Nothing is ever stored there: deleting it is done, as Apache answers for an absent key.
            return request.CreateResponseTo(ResponseCode.Success);
        }

        await grains.GetGrain<IKvConfigGrain>(header.Namespace).DeleteAsync(header.Key).ConfigureAwait(false);
        cache.Invalidate(header.Namespace);
        NameServerLog.KvChanged(logger, header.Namespace, header.Key, "deleted", context.Connection.RemoteEndPoint);
        return request.CreateResponseTo(ResponseCode.Success);
    }

    private async ValueTask<RemotingCommand?> GetNamespaceAsync(RemotingCommand request)
    {
        // GetKVListByNamespaceRequestHeader has the single field "namespace".
        var ns = Processors.Admin.RequestFields.Required(request, GetKVConfigRequestHeader.NamespaceField);
        var entries = IsBlank(ns) ? ImmutableDictionary<string, string>.Empty : await cache.GetNamespaceAsync(ns).ConfigureAwait(false);
        if (entries.IsEmpty)
        {
            return request.CreateResponseTo(ResponseCode.QueryNotFound, NameServerRemarks.NoConfigItem(ns));
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new KVTable { Table = new Dictionary<string, string>(entries, StringComparer.Ordinal) }.Encode();
        return response;
    }

    private async ValueTask<RemotingCommand?> GetByValueAsync(RemotingCommand request)
    {
        // The request carries the value to look for in the "key" field (ali-ons' getKVConfigByValue).
        var header = request.ReadHeader<GetKVConfigRequestHeader>();
        var entries = IsBlank(header.Namespace) ? ImmutableDictionary<string, string>.Empty : await cache.GetNamespaceAsync(header.Namespace).ConfigureAwait(false);
        var keys = entries.Where(entry => entry.Value == header.Key).Select(entry => entry.Key).Order(StringComparer.Ordinal).ToList();
        return ValueResponse(request, keys.Count == 0 ? null : string.Join(';', keys), header);
    }

    /// <summary>
    /// A namespace is a grain key, and Orleans refuses blank keys (Apache's map would take one): nothing is stored
    /// under a blank namespace, so reads find nothing and a put is refused instead of failing inside the grain factory.
    /// </summary>
    private static bool IsBlank(string ns) => string.IsNullOrWhiteSpace(ns);

    internal const string BlankNamespaceRemark = "the custom field <namespace> is blank";

    private static RemotingCommand ValueResponse(RemotingCommand request, string? value, GetKVConfigRequestHeader header)
    {
        if (value is null)
        {
            return request.CreateResponseTo(ResponseCode.QueryNotFound, NameServerRemarks.NoConfigItem(header.Namespace, header.Key));
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.WriteHeader(new GetKVConfigResponseHeader { Value = value });
        return response;
    }
}
