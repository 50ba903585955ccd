using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Core;

/// <summary>Turns error responses into <see cref="RocketMQClientException"/>.</summary>
internal static class ResponseChecks
{
    public static RemotingCommand EnsureSuccess(RemotingCommand response, string address)
    {
        if (response.Code != ResponseCode.Success)
        {
            throw new RocketMQClientException(response.Code, response.Remark, address);
        }

        return response;
    }

    /// <summary>Decodes a successful response's JSON body.</summary>
    public static T DecodeBody<T>(RemotingCommand response, string address)
        where T : IRemotingBody<T>
    {
        EnsureSuccess(response, address);
        if (response.Body.IsEmpty)
        {
            throw new RocketMQClientException(response.Code, "the response has no body", address);
        }

        return RemotingBody.Decode<T>(response.Body.Span);
    }
}
