using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Security;

/// <summary>
/// Runs on every request this client sends, just before it is written (Apache's client <c>RPCHook.doBeforeRequest</c>),
/// e.g. to sign it. Must not block.
/// </summary>
public interface IClientRpcHook
{
    void BeforeRequest(string address, RemotingCommand request);
}
