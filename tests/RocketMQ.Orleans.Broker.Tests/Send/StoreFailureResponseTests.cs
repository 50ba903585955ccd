using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Broker.Tests.Send;

/// <summary>What a producer hears when the store fails or is busy: codes clients act on, remarks that say why.</summary>
public sealed class StoreFailureResponseTests
{
    [Fact]
    public async Task A_store_latched_read_only_answers_SYSTEM_ERROR_with_the_reason()
    {
        var faults = new StorageFaults();
        await using var host = await BrokerTestHost.StartAsync(configureStore: store => store.Faults = faults);
        host.CreateTopic("T1");
        await host.SendOkAsync("T1", "before");

        faults.Fail(StorageOperation.ConsumeQueueWrite);
        await host.SendOkAsync("T1", "acknowledged, then its queue write fails");
        await Eventually.TrueAsync(() => host.Store.ReadOnlyReason is not null, "the dispatch failure latches the store");

        var response = await host.SendAsync(BrokerTestHost.SendHeader("T1"), "refused");
        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.StartsWith("[STORE_READ_ONLY]message store is read-only: consume queue or index write", response.Remark);
        Assert.Contains("injected ConsumeQueueWrite failure", response.Remark);
    }

    [Fact]
    public async Task A_full_commit_log_ring_answers_SYSTEM_BUSY_with_Apaches_broker_busy_remark()
    {
        var faults = new StorageFaults();
        await using var host = await BrokerTestHost.StartAsync(configureStore: store =>
        {
            store.CommitLogPageSizeBits = 12;
            store.CommitLogMemorySizeBits = 14;
            store.CommitLogSegmentSizeBits = 16;
            store.MaxMessageSize = 1024;
            store.CommitLogRingFullWaitMs = 5;
            store.Faults = faults;
        });
        host.CreateTopic("T1");
        var body = new string('x', 600);
        try
        {
            faults.StallPageFlushes();
            var busy = await Task.Run(async () =>
            {
                for (int i = 0; i < 200; i++)
                {
                    var response = await host.SendAsync(BrokerTestHost.SendHeader("T1"), body);
                    if (response.Code != ResponseCode.Success) return response;
                }

                return null;
            }).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.NotNull(busy);
            Assert.Equal(ResponseCode.SystemBusy, busy.Code);
            Assert.Equal("[PC_SYNCHRONIZED]broker busy, start flow control for a while", busy.Remark);
        }
        finally
        {
            faults.Release();
        }

        await Eventually.HoldsAsync(async () => (await host.SendAsync(BrokerTestHost.SendHeader("T1"), body)).Code == ResponseCode.Success,
            TimeSpan.FromSeconds(10), "sends succeed once the device completes its writes");
    }
}
