using System.Net;
using Apache.Rocketmq.V2;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Grpc.Services;
using Status = Apache.Rocketmq.V2.Status;

namespace RocketMQ.Orleans.Grpc.Acl;

/// <summary>
/// ACL of the gRPC endpoint, with the broker port's accounts and rules (<see cref="PlainAccessValidator"/>,
/// <see cref="AclResourceCheck"/>): each call's <c>authorization</c> header is verified, then the resources its request
/// names. A refusal is an answer, not a gRPC error, as Apache's proxy gives it: <c>UNAUTHORIZED</c> for missing or
/// wrong credentials, <c>FORBIDDEN</c> for a permission the account lacks. Telemetry is authenticated when it opens; its
/// account is left in the call's <see cref="ServerCallContext.UserState"/> (<see cref="AccountKey"/>) for the stream to
/// check each <c>Settings</c> it reads (<see cref="GrpcAclResources.CheckSettings"/>), as Apache's proxy checks each command.
/// </summary>
internal sealed class GrpcAclInterceptor(PlainAccessValidator validator, ILogger<GrpcAclInterceptor> logger) : Interceptor
{
    /// <summary>Key of the authenticated <see cref="AclAccount"/> in a Telemetry call's user state.</summary>
    public const string AccountKey = "rocketmq.acl.account";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Refuse(request, context) is { } refusal)
        {
            return WithStatus<TResponse>(refusal);
        }

        return await continuation(request, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Refuse(request, context) is { } refusal)
        {
            await responseStream.WriteAsync(WithStatus<TResponse>(refusal), context.CancellationToken).ConfigureAwait(false);
            return;
        }

        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Refuse(null, context) is { } refusal)
        {
            await responseStream.WriteAsync(WithStatus<TResponse>(refusal), context.CancellationToken).ConfigureAwait(false);
            return;
        }

        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    private Status? Refuse(object? request, ServerCallContext context)
    {
        var authorization = GrpcAuthorizationHeader.Parse(Resources.Header(context, GrpcAuthorizationHeader.Name));
        var connection = context.GetHttpContext().Connection;
        var remote = connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, connection.RemotePort) : null;
        if (validator.Authenticate(authorization.AccessKey, Resources.Header(context, GrpcAuthorizationHeader.DateTimeHeader), authorization.Signature, remote,
                out var account) is { } unauthorized)
        {
            GrpcLog.AclRefused(logger, context.Method, remote?.ToString() ?? "?", unauthorized);
            return Statuses.Of(Code.Unauthorized, unauthorized);
        }

        if (account is not null && request is null)
        {
            context.UserState[AccountKey] = account;
        }

        if (account is null || request is null || GrpcAclResources.Check(account, request, Resources.Namespace(context)) is not { } forbidden)
        {
            return null;
        }

        GrpcLog.AclRefused(logger, context.Method, remote?.ToString() ?? "?", forbidden);
        return Statuses.Of(Code.Forbidden, forbidden);
    }

    /// <summary>An answer of the method's type carrying only <paramref name="status"/> (every v2 answer has a status field).</summary>
    private static TResponse WithStatus<TResponse>(Status status)
    {
        var response = Activator.CreateInstance<TResponse>();
        var message = (IMessage)response!;
        message.Descriptor.FindFieldByName("status").Accessor.SetValue(message, status);
        return response;
    }
}
