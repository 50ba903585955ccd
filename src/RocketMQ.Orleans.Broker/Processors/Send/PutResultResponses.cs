using System.Globalization;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Send;

/// <summary>Apache SendMessageProcessor.handlePutMessageResult: store status → response code and remark.</summary>
internal static class PutResultResponses
{
    /// <summary>Apache SendMessageProcessor's remark for OS_PAGE_CACHE_BUSY.</summary>
    public const string BrokerBusyRemark = "[PC_SYNCHRONIZED]broker busy, start flow control for a while";

    /// <summary>Sets code and remark; true when the message was stored (the response then carries its ids).</summary>
    public static bool Apply(RemotingCommand response, in PutMessageResult result, MessageStore store)
    {
        switch (result.Status)
        {
            case PutMessageStatus.PutOk:
                return Stored(response, ResponseCode.Success);
            case PutMessageStatus.FlushDiskTimeout:
                return Stored(response, ResponseCode.FlushDiskTimeout);
            case PutMessageStatus.FlushSlaveTimeout:
                return Stored(response, ResponseCode.FlushSlaveTimeout);
            case PutMessageStatus.SlaveNotAvailable:
                return Stored(response, ResponseCode.SlaveNotAvailable);
            case PutMessageStatus.CreateMappedFileFailed:
                return Failed(response, ResponseCode.SystemError, "create mapped file failed, server is busy or broken.");
            case PutMessageStatus.MessageIllegal:
            case PutMessageStatus.PropertiesSizeExceeded:
                return Failed(response, ResponseCode.MessageIllegal, Remarks.MessageIllegal(store.Options.MaxMessageSize));
            case PutMessageStatus.ServiceNotAvailable:
                return Failed(response, ResponseCode.ServiceNotAvailable, Remarks.ServiceNotAvailable(DescribeDiskUsage(store.Options.DataPath)));
            case PutMessageStatus.OsPageCacheBusy:
                // Apache's remark for a busy commit log, with the code its fast-failure path answers ([PCBUSY_CLEAN_QUEUE]):
                // SYSTEM_BUSY is flow control, which clients back off from and retry; nothing was stored.
                return Failed(response, ResponseCode.SystemBusy, BrokerBusyRemark);
            case PutMessageStatus.StorageFailed:
                // Fail-stop: the store is read-only until a restart; the remark says which write or fsync failed.
                return Failed(response, ResponseCode.SystemError, "[STORE_READ_ONLY]" + result.Reason);
            case PutMessageStatus.InSyncReplicasNotEnough:
                // RocketMQ 5 answers IN_SYNC_REPLICAS_NOT_ENOUGH with SYSTEM_ERROR, which producers retry elsewhere;
                // nothing was stored. The reason says whether too few replicas are in sync or this is not the leader.
                return Failed(response, ResponseCode.SystemError, "in-sync replicas not enough: " + result.Reason);
            case PutMessageStatus.UnknownError:
                return Failed(response, ResponseCode.SystemError, "UNKNOWN_ERROR");
            case PutMessageStatus.WheelTimerMsgIllegal:
                return Failed(response, ResponseCode.MessageIllegal, Remarks.TimerMessageIllegal(store.Options.EffectiveTimerMaxDelayMs));
            default:
                return Failed(response, ResponseCode.SystemError, "UNKNOWN_ERROR DEFAULT");
        }
    }

    /// <summary>Apache's "CL: %5.2f CQ: %5.2f INDEX: %5.2f" (commit log, queues and index share the data disk here).</summary>
    public static string DescribeDiskUsage(string dataPath)
    {
        var ratio = UsedPercent(dataPath);
        var text = ratio.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(5);
        return $"CL: {text} CQ: {text} INDEX: {text}";
    }

    private static double UsedPercent(string path)
    {
        try
        {
            return 100.0 * Store.Retention.DiskSpace.UsedRatio(path);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static bool Stored(RemotingCommand response, int code)
    {
        response.Code = code;
        response.Remark = null;
        return true;
    }

    private static bool Failed(RemotingCommand response, int code, string remark)
    {
        response.Code = code;
        response.Remark = remark;
        return false;
    }
}
