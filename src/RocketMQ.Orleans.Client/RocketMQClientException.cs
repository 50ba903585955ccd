namespace RocketMQ.Orleans.Client;

/// <summary>A broker or name server answered a request with an error code (Apache <c>MQBrokerException</c>/<c>MQClientException</c>).</summary>
public sealed class RocketMQClientException : Exception
{
    public RocketMQClientException(string message)
        : base(message)
    {
        ResponseCode = -1;
    }

    public RocketMQClientException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ResponseCode = -1;
    }

    public RocketMQClientException(int responseCode, string? remark, string? address)
        : base($"CODE: {responseCode} DESC: {remark} BROKER: {address}")
    {
        ResponseCode = responseCode;
        Remark = remark;
        Address = address;
    }

    /// <summary>The response code, or -1 when the error did not come from a response.</summary>
    public int ResponseCode { get; }

    public string? Remark { get; }

    /// <summary>The address that answered.</summary>
    public string? Address { get; }
}
