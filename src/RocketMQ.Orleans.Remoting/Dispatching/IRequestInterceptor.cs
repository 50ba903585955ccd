using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// Runs before a request's processor, on the thread that runs the processor (executor worker or event loop), as
/// Apache's server RPC hooks (<c>doBeforeRequest</c>) do. A dispatcher built without interceptors pays one null
/// check per request for this seam.
/// </summary>
public interface IRequestInterceptor
{
    /// <summary>
    /// Null lets the request through to its processor; otherwise the response sent in its place (a oneway request
    /// gets none). An exception answers SYSTEM_ERROR, as a failing processor does. Must not block.
    /// </summary>
    RemotingCommand? BeforeProcess(RemotingRequestContext context, RemotingCommand request);
}
