using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

public sealed class PropertiesRewriterTests
{
    [Fact]
    public void Replaces_existing_entries_keeps_the_rest_and_appends_the_new_ones()
    {
        string encoded = MessageProperties.Encode(new Dictionary<string, string>
        {
            ["TAGS"] = "A", ["REAL_TOPIC"] = "old", ["label"] = "ünïcödé", ["DELAY"] = "99",
        });

        string rewritten = PropertiesRewriter.With(encoded, "DELAY", "18", "REAL_TOPIC", "T", "REAL_QID", "3");

        Assert.Equal(new Dictionary<string, string>
        {
            ["TAGS"] = "A", ["label"] = "ünïcödé", ["DELAY"] = "18", ["REAL_TOPIC"] = "T", ["REAL_QID"] = "3",
        }, MessageProperties.Decode(rewritten));
        Assert.Equal(5, rewritten.Split(MessageConst.PropertySeparator).Length);
    }

    [Fact]
    public void Works_on_empty_properties()
    {
        string rewritten = PropertiesRewriter.With(string.Empty, "A", "1", "B", "2", "C", "3");
        Assert.Equal("A\u00011\u0002B\u00012\u0002C\u00013", rewritten);
    }
}
