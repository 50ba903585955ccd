using System.Net;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

public sealed class PutGetTests
{
    [Fact]
    public async Task Put_then_get_returns_the_stored_bytes_with_offsets_filled_in()
    {
        await using var test = await TestStore.OpenAsync();
        var put = await test.PutOkAsync(TestStore.Message("T", 1, "hello", tags: "A", keys: "k1"));
        await test.Store.WaitForDispatchAsync();

        using var got = await test.Store.GetMessageAsync("g", "T", 1, 0, 32);
        Assert.Equal(GetMessageStatus.Found, got.Status);
        Assert.Equal(1, got.MessageCount);
        Assert.Equal(1, got.NextBeginOffset);
        Assert.Equal(got.GetMessage(0).Length, got.BufferTotalSize);
        Assert.True(StoredMessageView.TryParse(got.GetMessage(0).Span, out var view));
        Assert.Equal("hello", TestStore.BodyOf(got.GetMessage(0)));
        Assert.Equal(put.PhysicalOffset, view.PhysicalOffset);
        Assert.Equal(0, view.QueueOffset);
        Assert.Equal(1, view.QueueId);
        Assert.Equal(put.StoreTimestamp, view.StoreTimestamp);
        Assert.Equal(StoredMessageEncoder.ComputeBodyCrc(view.Body), view.BodyCrc);
        Assert.Equal("T", view.GetTopic());
    }

    [Fact]
    public async Task Queue_offsets_are_dense_per_queue_and_batches_get_consecutive_offsets()
    {
        await using var test = await TestStore.OpenAsync();
        for (int i = 0; i < 10; i++)
            await test.PutOkAsync(TestStore.Message("T", i % 2, $"m{i}"));
        var batch = await test.Store.PutMessagesAsync([TestStore.Message("T", 0, "b0"), TestStore.Message("T", 0, "b1"), TestStore.Message("T", 0, "b2")]);
        Assert.Equal(PutMessageStatus.PutOk, batch.Status);
        Assert.Equal(5, batch.QueueOffset);
        Assert.Equal(3, batch.MessageCount);
        await test.Store.WaitForDispatchAsync();

        Assert.Equal(8, test.Store.GetMaxOffsetInQueue("T", 0));
        Assert.Equal(5, test.Store.GetMaxOffsetInQueue("T", 1));
        Assert.Equal(0, test.Store.GetMinOffsetInQueue("T", 0));
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 100);
        var bodies = got.Messages.Select(TestStore.BodyOf).ToArray();
        Assert.Equal(["m0", "m2", "m4", "m6", "m8", "b0", "b1", "b2"], bodies);
        var queueOffsets = got.Messages.Select(m => { StoredMessageView.TryParse(m.Span, out var v); return v.QueueOffset; });
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), queueOffsets);
    }

    [Fact]
    public async Task Tag_filter_skips_other_tags_and_reports_no_matched_message()
    {
        await using var test = await TestStore.OpenAsync();
        await test.PutOkAsync(TestStore.Message("T", 0, "a1", tags: "A"));
        await test.PutOkAsync(TestStore.Message("T", 0, "b1", tags: "B"));
        await test.PutOkAsync(TestStore.Message("T", 0, "a2", tags: "A"));
        await test.Store.WaitForDispatchAsync();

        using (var onlyA = await test.Store.GetMessageAsync("g", "T", 0, 0, 32, new TagsCodeFilter([TagsCode.Of("A")])))
        {
            Assert.Equal(GetMessageStatus.Found, onlyA.Status);
            Assert.Equal(["a1", "a2"], onlyA.Messages.Select(TestStore.BodyOf));
            Assert.Equal(3, onlyA.NextBeginOffset);
        }
        using var none = await test.Store.GetMessageAsync("g", "T", 0, 0, 32, new TagsCodeFilter([TagsCode.Of("C")]));
        Assert.Equal(GetMessageStatus.NoMatchedMessage, none.Status);
        Assert.Equal(0, none.MessageCount);
        Assert.Equal(3, none.NextBeginOffset);
    }

    [Fact]
    public async Task Get_statuses_at_the_edges_follow_apache()
    {
        await using var test = await TestStore.OpenAsync();
        using (var noQueue = await test.Store.GetMessageAsync("g", "Nope", 0, 0, 32))
        {
            Assert.Equal(GetMessageStatus.NoMatchedLogicQueue, noQueue.Status);
            Assert.Equal(0, noQueue.NextBeginOffset);
        }
        for (int i = 0; i < 3; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, $"m{i}"));
        await test.Store.WaitForDispatchAsync();

        using (var one = await test.Store.GetMessageAsync("g", "T", 0, 3, 32))
        {
            Assert.Equal(GetMessageStatus.OffsetOverflowOne, one.Status);
            Assert.Equal(3, one.NextBeginOffset);
            Assert.Equal(0, one.MinOffset);
            Assert.Equal(3, one.MaxOffset);
        }
        using (var badly = await test.Store.GetMessageAsync("g", "T", 0, 10, 32))
        {
            Assert.Equal(GetMessageStatus.OffsetOverflowBadly, badly.Status);
            Assert.Equal(0, badly.NextBeginOffset); // min offset 0: start over, as Apache
        }
        using (var limited = await test.Store.GetMessageAsync("g", "T", 0, 1, 1))
        {
            Assert.Equal(GetMessageStatus.Found, limited.Status);
            Assert.Equal(["m1"], limited.Messages.Select(TestStore.BodyOf));
            Assert.Equal(2, limited.NextBeginOffset);
        }
    }

    [Fact]
    public async Task Message_is_readable_by_its_offset_message_id_and_misaligned_offsets_read_nothing()
    {
        await using var test = await TestStore.OpenAsync();
        await test.PutOkAsync(TestStore.Message("T", 0, "first"));
        var put = await test.PutOkAsync(TestStore.Message("T", 0, "second"));

        var msgId = MessageIds.CreateOffsetMessageId(new IPEndPoint(IPAddress.Loopback, 10911), put.PhysicalOffset);
        Assert.True(MessageIds.TryParseOffsetMessageId(msgId, out _, out long physicalOffset));
        using (var message = await test.Store.ReadMessageAsync(physicalOffset))
        {
            Assert.NotNull(message);
            Assert.Equal("second", TestStore.BodyOf(message.Memory));
        }
        Assert.Null(await test.Store.ReadMessageAsync(put.PhysicalOffset + 8));
        Assert.Null(await test.Store.ReadMessageAsync(test.Store.MaxPhysicalOffset + 4096));
    }

    [Fact]
    public async Task Every_address_inside_a_committed_record_reads_as_nothing()
    {
        await using var test = await TestStore.OpenAsync();
        var first = await test.PutOkAsync(TestStore.Message("T", 0, new string('x', 300)));
        var second = await test.PutOkAsync(TestStore.Message("T", 0, "second"));
        // Reopening commits the recovered log, so these reads go through the committed path a client's offset
        // message id would take long after the put.
        await test.ReopenAsync();

        for (var address = first.PhysicalOffset + 1; address < second.PhysicalOffset; address++)
        {
            Assert.Null(await test.Store.ReadMessageAsync(address));
        }

        Assert.Null(await test.Store.ReadMessageAsync(-1));
        Assert.Null(await test.Store.ReadMessageAsync(long.MaxValue));
        using var message = await test.Store.ReadMessageAsync(second.PhysicalOffset);
        Assert.Equal("second", TestStore.BodyOf(message!.Memory));
    }

    [Fact]
    public async Task Query_finds_messages_by_each_key_and_by_unique_key()
    {
        await using var test = await TestStore.OpenAsync();
        await test.PutOkAsync(TestStore.Message("T", 0, "one", keys: "order-1 customer-7", uniqKey: "UNIQ0001"));
        await test.PutOkAsync(TestStore.Message("T", 1, "two", keys: "order-2 customer-7"));
        await test.PutOkAsync(TestStore.Message("Other", 0, "three", keys: "order-1"));
        await test.Store.WaitForDispatchAsync();

        async Task<string[]> Query(string key)
        {
            var result = await test.Store.QueryMessageAsync("T", key, 32, 0, long.MaxValue);
            return [.. result.Messages.Select(TestStore.BodyOf).Order()];
        }
        Assert.Equal(["one"], await Query("order-1"));
        Assert.Equal(["one", "two"], await Query("customer-7"));
        Assert.Equal(["one"], await Query("UNIQ0001"));
        Assert.Empty(await Query("order-3"));
    }

    [Fact]
    public async Task Restart_keeps_messages_queues_index_offsets_and_continues_queue_offsets()
    {
        await using var test = await TestStore.OpenAsync();
        for (int i = 0; i < 5; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, $"m{i}", keys: $"key{i}"));
        test.Store.ConsumerOffsets.Commit("g", "T", 0, 3);

        await test.ReopenAsync();

        Assert.Equal(5, test.Store.GetMaxOffsetInQueue("T", 0));
        Assert.Equal(3, test.Store.ConsumerOffsets.Query("g", "T", 0));
        var next = await test.PutOkAsync(TestStore.Message("T", 0, "m5"));
        Assert.Equal(5, next.QueueOffset);
        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 32);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4", "m5"], got.Messages.Select(TestStore.BodyOf));
        var byKey = await test.Store.QueryMessageAsync("T", "key4", 32, 0, long.MaxValue);
        Assert.Equal(["m4"], byKey.Messages.Select(TestStore.BodyOf));
    }

    [Fact]
    public async Task Oversized_message_and_properties_are_rejected_without_being_stored()
    {
        await using var test = await TestStore.OpenAsync();
        var big = new MessageToStore { Topic = "T", Body = new byte[test.Options.MaxMessageSize] };
        Assert.Equal(PutMessageStatus.MessageIllegal, (await test.Store.PutMessageAsync(big)).Status);
        var props = new MessageToStore
        {
            Topic = "T",
            Body = new byte[1],
            Properties = new Dictionary<string, string> { ["X"] = new string('x', 40_000) },
        };
        Assert.Equal(PutMessageStatus.PropertiesSizeExceeded, (await test.Store.PutMessageAsync(props)).Status);
        Assert.Equal(0, test.Store.GetMaxOffsetInQueue("T", 0));
    }

    [Fact]
    public async Task Arrival_listener_hears_each_dispatched_message()
    {
        await using var test = await TestStore.OpenAsync();
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<(string Topic, int QueueId, long QueueOffset, long TagsCode, string Body)>();
        // The stored message is valid only during the callback: keep what the test checks.
        test.Store.ArrivalListener = arrival => arrivals.Enqueue((arrival.Topic, arrival.QueueId, arrival.QueueOffset, arrival.TagsCode,
            System.Text.Encoding.UTF8.GetString(StoredMessageDecoder.Decode(arrival.StoredMessage).Body)));
        await test.PutOkAsync(TestStore.Message("T", 2, "x", tags: "TagA"));
        await test.Store.WaitForDispatchAsync();
        var arrival = Assert.Single(arrivals);
        Assert.Equal(("T", 2, 0L, TagsCode.Of("TagA"), "x"), arrival);
    }
}
