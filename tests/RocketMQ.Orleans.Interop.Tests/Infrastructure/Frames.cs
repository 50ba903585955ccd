using System.Buffers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Reads a whole frame (length prefix included) the way the transport does.</summary>
public static class Frames
{
    private const int MaxFrameLength = 16 * 1024 * 1024;

    public static RemotingCommand ReadSingle(byte[] frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.True(RemotingCommandCodec.TryReadFrame(ref buffer, MaxFrameLength, out var command), "the frame was not recognised as complete");
        Assert.True(buffer.IsEmpty, $"{buffer.Length} bytes left after the frame");
        return command!;
    }
}
