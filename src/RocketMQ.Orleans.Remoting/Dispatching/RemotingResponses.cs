using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>The dispatcher's own answers, with the remark texts Apache's remoting layer sends.</summary>
public static class RemotingResponses
{
    public const string OverloadRemark = "[OVERLOAD]system busy, start flow control for a while";
    public const string RejectRequestRemark = "[REJECTREQUEST]system busy, start flow control for a while";

    public static RemotingCommand RequestCodeNotSupported(int requestCode) =>
        RemotingCommand.CreateResponse(ResponseCode.RequestCodeNotSupported, NotSupportedRemark(requestCode));

    /// <summary>Apache's text, leading space included: clients show it verbatim.</summary>
    public static string NotSupportedRemark(int requestCode) => $" request type {requestCode} not supported";

    public static RemotingCommand SystemBusy(string remark) =>
        RemotingCommand.CreateResponse(ResponseCode.SystemBusy, remark);

    public static RemotingCommand SystemError(Exception exception) =>
        RemotingCommand.CreateResponse(ResponseCode.SystemError, SimpleDescription(exception));

    /// <summary>Like Apache's exceptionSimpleDesc: exception type and message, without the stack.</summary>
    public static string SimpleDescription(Exception exception) =>
        $"{exception.GetType().FullName}: {exception.Message}";
}
