using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>The broker port's ACL check, run by the dispatcher before each processor as Apache's server RPC hook.</summary>
internal sealed class AclRequestInterceptor(PlainAccessValidator validator, ILogger logger) : IRequestInterceptor
{
    public RemotingCommand? BeforeProcess(RemotingRequestContext context, RemotingCommand request)
    {
        if (validator.Validate(request, context.Connection.RemoteEndPoint) is not { } remark)
        {
            return null;
        }

        AclLog.Refused(logger, request.Code, context.Connection.RemoteEndPoint, remark);

        // SYSTEM_ERROR, which producers retry, as Apache's remoting layer answers an exception thrown by a hook.
        return RemotingCommand.CreateResponse(ResponseCode.SystemError, remark);
    }
}
