using System.Buffers.Binary;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

public sealed class MessageBatchCodecTests
{
    [Fact]
    public void Batch_round_trips_flag_body_and_properties()
    {
        BatchMessageEntry[] entries =
        [
            BatchMessageEntry.Create(1, "one"u8.ToArray(), new Dictionary<string, string> { ["TAGS"] = "A", ["UNIQ_KEY"] = "X" }),
            BatchMessageEntry.Create(0, Array.Empty<byte>(), new Dictionary<string, string>()),
            BatchMessageEntry.Create(-7, new byte[1000], new Dictionary<string, string> { ["KEYS"] = "k" }),
        ];

        byte[] batch = MessageBatchCodec.Encode(entries);
        var decoded = MessageBatchCodec.Decode(batch);

        Assert.Equal(3, decoded.Count);
        for (int i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i].Flag, decoded[i].Flag);
            Assert.Equal(entries[i].Body.ToArray(), decoded[i].Body.ToArray());
            Assert.Equal(entries[i].DecodeProperties(), decoded[i].DecodeProperties());
        }
    }

    [Fact]
    public void Encoding_matches_Apache_encodeMessage_layout()
    {
        byte[] batch = MessageBatchCodec.Encode([new BatchMessageEntry(9, "hi"u8.ToArray(), "a\u0001b"u8.ToArray())]);

        Assert.Equal("0000001B" + "00000000" + "00000000" + "00000009" + "00000002" + "6869" + "0003" + "610162", Convert.ToHexString(batch));
    }

    [Fact]
    public void Every_truncation_and_corruption_fails_with_bad_message_body_only()
    {
        byte[] batch = MessageBatchCodec.Encode(
        [
            BatchMessageEntry.Create(1, "one"u8.ToArray(), new Dictionary<string, string> { ["TAGS"] = "A" }),
            BatchMessageEntry.Create(2, "two"u8.ToArray(), new Dictionary<string, string> { ["TAGS"] = "B" }),
        ]);
        int first = BinaryPrimitives.ReadInt32BigEndian(batch);

        for (int length = 1; length < batch.Length; length++)
        {
            if (length == first)
            {
                Assert.Single(MessageBatchCodec.Decode(batch.AsMemory(0, length)));
                continue;
            }

            var error = Assert.Throws<RemotingProtocolException>(() => MessageBatchCodec.Decode(batch.AsMemory(0, length)));
            Assert.Equal(RemotingProtocolError.BadMessageBody, error.Error);
        }

        var random = new Random(11);
        for (int i = 0; i < 2000; i++)
        {
            byte[] copy = (byte[])batch.Clone();
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                MessageBatchCodec.Decode(copy);
            }
            catch (RemotingProtocolException e)
            {
                Assert.Equal(RemotingProtocolError.BadMessageBody, e.Error);
            }
        }
    }
}
