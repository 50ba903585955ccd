using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>Several interceptors in registration order; the first refusal wins.</summary>
internal sealed class CompositeRequestInterceptor(IRequestInterceptor[] interceptors) : IRequestInterceptor
{
    public RemotingCommand? BeforeProcess(RemotingRequestContext context, RemotingCommand request)
    {
        foreach (var interceptor in interceptors)
        {
            if (interceptor.BeforeProcess(context, request) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }
}
