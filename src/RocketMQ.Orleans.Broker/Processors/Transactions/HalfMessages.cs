using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Transactions;

/// <summary>The TRAN_MSG branch of the send path (Apache SendMessageProcessor: prepareMessage or rejectTransactionMessage).</summary>
internal static class HalfMessages
{
    /// <summary>Apache: Boolean.parseBoolean(TRAN_MSG), i.e. "true" in any case.</summary>
    public static bool IsPrepared(string? properties) =>
        string.Equals(PropertiesText.Get(properties, MessageConst.PropertyTransactionPrepared), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Turns <paramref name="message"/> into its half message; false with the refusal in <paramref name="response"/> when this broker refuses transactions.</summary>
    public static bool TryPrepare(BrokerRuntime runtime, ref MessageToStore message, RemotingCommand response)
    {
        if (runtime.Options.RejectTransactionMessage)
        {
            response.Code = ResponseCode.NoPermission;
            response.Remark = "the broker[" + runtime.Identity.StoreHost.Address + "] sending transaction message is forbidden";
            return false;
        }

        message = TransactionalMessageService.ToHalfMessage(message);
        return true;
    }
}
