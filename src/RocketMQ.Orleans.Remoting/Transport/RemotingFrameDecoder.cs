using System.Buffers;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Splits the byte stream into frames ([int32 BE length][rest]) and decodes each with the protocol codec.
/// The declared lengths are checked before waiting for the bytes, so a giant or negative frame length, or a header
/// longer than the frame or than the server accepts, fails at once; after the first failure the rest of the stream is
/// discarded (the connection is being closed).
/// </summary>
internal sealed class RemotingFrameDecoder : ByteToMessageDecoder
{
    private const int LengthFieldSize = 4;
    private const int PrefixSize = 2 * LengthFieldSize;
    private const int HeaderLengthMask = 0x00FF_FFFF;
    private readonly int _maxFrameLength;
    private readonly int _maxHeaderLength;
    private bool _failed;

    /// <param name="limits">
    /// Largest frame, length field included (Netty's LengthFieldBasedFrameDecoder rule, as Apache), and largest header.
    /// </param>
    public RemotingFrameDecoder(FrameLimits limits)
    {
        _maxFrameLength = limits.MaxFrameLength;
        _maxHeaderLength = limits.MaxHeaderLength;
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

            if (length < LengthFieldSize)
            {
                throw Fail(RemotingProtocolError.InconsistentLength, $"Declared frame length {length} leaves no room for the header-length word.");
            }

            if (input.ReadableBytes < PrefixSize)
            {
                return;
            }

            // The second word is the serialize type (high byte) and the header length (low 24 bits).
            var headerLength = input.GetInt(start + LengthFieldSize) & HeaderLengthMask;
            if (headerLength > length - LengthFieldSize)
            {
                throw Fail(RemotingProtocolError.InconsistentLength, $"Declared header length {headerLength} exceeds the frame's {length - LengthFieldSize} bytes.");
            }

            if (headerLength > _maxHeaderLength)
            {
                throw Fail(RemotingProtocolError.HeaderTooLarge, $"Declared header length {headerLength} exceeds the maximum of {_maxHeaderLength}.");
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
