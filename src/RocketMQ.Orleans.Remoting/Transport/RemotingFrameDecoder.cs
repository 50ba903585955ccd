using System.Buffers;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Splits the byte stream into frames ([int32 BE length][rest]) and decodes each with the protocol codec.
/// The declared length is checked before waiting for the bytes, so a giant or negative length fails at once;
/// after the first failure the rest of the stream is discarded (the connection is being closed).
/// </summary>
internal sealed class RemotingFrameDecoder : ByteToMessageDecoder
{
    private const int LengthFieldSize = 4;
    private readonly int _maxFrameLength;
    private bool _failed;

    /// <param name="maxFrameLength">Largest frame accepted, length field included (Netty's LengthFieldBasedFrameDecoder rule, as Apache).</param>
    public RemotingFrameDecoder(int maxFrameLength)
    {
        _maxFrameLength = maxFrameLength;
    }

    protected override void Decode(IChannelHandlerContext context, IByteBuffer input, List<object> output)
    {
        if (_failed)
        {
            input.SkipBytes(input.ReadableBytes);
            return;
        }

        while (input.ReadableBytes >= LengthFieldSize)
        {
            var start = input.ReaderIndex;
            var length = input.GetInt(start);
            if (length < 0)
            {
                throw Fail(RemotingProtocolError.NegativeLength, $"Declared frame length {length} is negative.");
            }

            if (length > _maxFrameLength - LengthFieldSize)
            {
                throw Fail(RemotingProtocolError.FrameTooLarge, $"Declared frame length {length} exceeds the maximum of {_maxFrameLength}.");
            }

            if (input.ReadableBytes - LengthFieldSize < length)
            {
                return;
            }

            RemotingCommand command;
            try
            {
                command = DecodeFrame(input, start + LengthFieldSize, length);
            }
            catch (RemotingProtocolException)
            {
                _failed = true;
                throw;
            }

            input.SetReaderIndex(start + LengthFieldSize + length);
            output.Add(command);
        }
    }

    private static RemotingCommand DecodeFrame(IByteBuffer input, int index, int length)
    {
        if (input.IoBufferCount == 1)
        {
            var segment = input.GetIoBuffer(index, length);
            return RemotingCommandCodec.Decode(segment);
        }

        // A composite cumulation: copy into one contiguous rented array.
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            input.GetBytes(index, rented, 0, length);
            return RemotingCommandCodec.Decode(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private RemotingProtocolException Fail(RemotingProtocolError error, string message)
    {
        _failed = true;
        return new RemotingProtocolException(error, message);
    }
}
