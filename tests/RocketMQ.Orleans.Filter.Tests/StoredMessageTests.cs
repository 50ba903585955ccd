using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Filter.Tests;

public sealed class StoredMessageTests
{
    [Fact]
    public void Matches_reads_the_properties_of_a_stored_message()
    {
        var message = new MessageExt { Topic = "T", Body = "hello"u8.ToArray() };
        message.PutProperty(MessageConst.PropertyTags, "TagA");
        message.PutProperty("a", "5");
        byte[] stored = StoredMessageEncoder.Encode(message);

        Assert.True(Sql92Filter.Compile("TAGS = 'TagA' AND a BETWEEN 3 AND 7").MatchesStoredMessage(stored));
        Assert.False(Sql92Filter.Compile("a > 5").MatchesStoredMessage(stored));
        Assert.False(Sql92Filter.Compile("TRUE").MatchesStoredMessage(stored.AsSpan(0, 10)));
    }
}
