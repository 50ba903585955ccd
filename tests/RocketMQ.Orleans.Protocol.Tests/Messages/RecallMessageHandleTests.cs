using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

/// <summary>RocketMQ 5.3 RecallMessageHandle.HandleV1, with the cases of Apache's RecallMessageHandleTest.</summary>
public sealed class RecallMessageHandleTests
{
    [Fact]
    public void A_handle_is_url_safe_base64_of_v1_topic_broker_timestamp_and_message_id_and_decodes_back()
    {
        var handle = RecallMessageHandle.Build("topic", "broker-0", 1733350000123, "7F0000010001");
        // Java: Base64.getUrlEncoder().encodeToString("v1 topic broker-0 1733350000123 7F0000010001".getBytes(UTF_8)).
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("v1 topic broker-0 1733350000123 7F0000010001")).Replace('+', '-').Replace('/', '_'), handle);
        Assert.True(RecallMessageHandle.TryDecode(handle, out var decoded));
        Assert.Equal(new RecallMessageHandle("topic", "broker-0", "1733350000123", "7F0000010001"), decoded);
    }

    [Fact]
    public void A_url_alphabet_handle_decodes_with_or_without_padding()
    {
        // '?' and '>' make '/' and '+' in standard Base64: the URL alphabet has '_' and '-' there.
        var raw = "v1 t?>? b 1 id";
        var handle = Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).Replace('+', '-').Replace('/', '_');
        Assert.Contains(handle, c => c is '-' or '_');
        Assert.True(RecallMessageHandle.TryDecode(handle, out var decoded));
        Assert.Equal("t?>?", decoded.Topic);
        Assert.True(RecallMessageHandle.TryDecode(handle.TrimEnd('='), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1 a b c d")] // not Base64 at all
    public void Apaches_invalid_handles_do_not_decode(string? handle) => Assert.False(RecallMessageHandle.TryDecode(handle, out _));

    [Theory]
    [InlineData("v1 a b c")] // four items
    [InlineData("v2 a b c d")] // another version
    public void Encoded_handles_of_the_wrong_shape_do_not_decode(string raw) =>
        Assert.False(RecallMessageHandle.TryDecode(Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)), out _));
}
