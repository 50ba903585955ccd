using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

public sealed class DeleteTopicTests
{
    [Fact]
    public async Task Deleting_a_topic_deletes_its_consume_queue_files_offsets_and_mappings()
    {
        await using var test = await TestStore.OpenAsync();
        for (int q = 0; q < 4; q++)
        {
            await test.PutOkAsync(TestStore.Message("Gone", q, "old"));
        }

        await test.PutOkAsync(TestStore.Message("Kept", 0, "kept"));
        await test.Store.WaitForDispatchAsync();
        test.Store.ConsumerOffsets.Commit("g", "Gone", 0, 1);
        test.Store.ConsumerOffsets.Commit("g", "Kept", 0, 1);
        int mapped = test.Store.MappedConsumeQueueFiles;
        string topicDirectory = Path.Combine(test.Options.DataPath, "consumequeue", "Gone");
        Assert.True(Directory.Exists(topicDirectory));

        Assert.Equal(4, test.Store.DeleteTopic("Gone"));

        Assert.False(Directory.Exists(topicDirectory));
        Assert.Equal(mapped - 4, test.Store.MappedConsumeQueueFiles);
        Assert.Equal(-1, test.Store.ConsumerOffsets.Query("g", "Gone", 0));
        Assert.Equal(1, test.Store.ConsumerOffsets.Query("g", "Kept", 0));
        Assert.Equal(0, test.Store.GetMaxOffsetInQueue("Gone", 0));

        // A topic created again under the name starts from queue offset 0.
        var again = await test.PutOkAsync(TestStore.Message("Gone", 0, "new"));
        Assert.Equal(0, again.QueueOffset);
        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "Gone", 0, 0, 8);
        Assert.Equal(["new"], got.Messages.Select(TestStore.BodyOf));
    }
}
