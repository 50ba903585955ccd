using System.Buffers;
using System.Buffers.Binary;

namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>
/// Frames of the remoting protocol: <c>[int32 length][int32 serializeType &lt;&lt; 24 | headerLength][header][body]</c>,
/// big-endian, where length counts everything after itself. Malformed input only ever raises
/// <see cref="RemotingProtocolException"/>, and no buffer is sized from a declared length before that
/// length is checked against the bytes actually present.
/// </summary>
public static class RemotingCommandCodec
{
    /// <summary>Apache's frame limit (NettyDecoder FRAME_MAX_LENGTH, 16 MiB), counting the length prefix as Netty does.</summary>
    public const int DefaultMaxFrameLength = 16 * 1024 * 1024;

    /// <summary>The header length has 24 bits in the frame.</summary>
    public const int MaxHeaderLength = 0xFFFFFF;

    /// <summary>Bytes of a frame's big-endian length prefix.</summary>
    public const int LengthPrefixSize = 4;
    private const int HeaderLengthWordSize = 4;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _headerScratch;

    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/>. Returns false, leaving the
    /// buffer untouched, when more bytes are needed.
    /// </summary>
    /// <param name="maxFrameLength">Largest accepted frame, its 4-byte length prefix included (Netty's LengthFieldBasedFrameDecoder rule).</param>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out RemotingCommand? command)
    {
        command = null;
        if (buffer.Length < LengthPrefixSize)
        {
            return false;
        }

        int length;
        if (buffer.FirstSpan.Length >= LengthPrefixSize)
        {
            length = BinaryPrimitives.ReadInt32BigEndian(buffer.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[LengthPrefixSize];
            buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
            length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        }
        CheckFrameLength(length, maxFrameLength);
        if (buffer.Length - LengthPrefixSize < length)
        {
            return false;
        }

        var frame = buffer.Slice(LengthPrefixSize, length);
        if (frame.IsSingleSegment)
        {
            command = Decode(frame.FirstSpan);
        }
        else
        {
            // The frame is all there (checked above), so this rental is bounded by received bytes.
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                frame.CopyTo(rented);
                command = Decode(rented.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>
    /// Refuses a declared frame length (the prefix's value, the prefix itself not counted) that is negative or makes the
    /// frame longer than <paramref name="maxFrameLength"/>, before anything is allocated for it.
    /// </summary>
    public static void CheckFrameLength(int length, int maxFrameLength)
    {
        if (length < 0)
        {
            throw new RemotingProtocolException(RemotingProtocolError.NegativeLength, $"Frame length {length} is negative.");
        }

        if (length > maxFrameLength - LengthPrefixSize)
        {
            throw new RemotingProtocolException(RemotingProtocolError.FrameTooLarge, $"Frame length {length} exceeds the maximum {maxFrameLength}.");
        }
    }

    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out RemotingCommand? command) =>
        TryReadFrame(ref buffer, DefaultMaxFrameLength, out command);

    /// <summary>Decodes a frame whose length prefix a transport has already removed.</summary>
    public static RemotingCommand Decode(ReadOnlySpan<byte> frameWithoutLengthPrefix)
    {
        var command = DecodeHeader(frameWithoutLengthPrefix, out int bodyStart);
        var body = frameWithoutLengthPrefix[bodyStart..];
        if (!body.IsEmpty)
        {
            command.Body = body.ToArray();
        }

        return command;
    }

    /// <summary>
    /// Decodes a frame whose length prefix a transport has already removed, with a body that is a slice of
    /// <paramref name="frameWithoutLengthPrefix"/> (no copy): valid only while the caller keeps that memory unchanged.
    /// </summary>
    public static RemotingCommand DecodeSharingBody(ReadOnlyMemory<byte> frameWithoutLengthPrefix)
    {
        var command = DecodeHeader(frameWithoutLengthPrefix.Span, out int bodyStart);
        command.Body = frameWithoutLengthPrefix[bodyStart..];
        return command;
    }

    private static RemotingCommand DecodeHeader(ReadOnlySpan<byte> frame, out int bodyStart)
    {
        if (frame.Length < HeaderLengthWordSize)
        {
            throw new RemotingProtocolException(RemotingProtocolError.InconsistentLength, $"A frame of {frame.Length} bytes cannot hold its header-length word.");
        }

        int word = BinaryPrimitives.ReadInt32BigEndian(frame);
        int type = (word >> 24) & 0xFF;
        int headerLength = word & MaxHeaderLength;
        if (headerLength > frame.Length - HeaderLengthWordSize)
        {
            throw new RemotingProtocolException(RemotingProtocolError.InconsistentLength, $"Header length {headerLength} exceeds the {frame.Length - HeaderLengthWordSize} bytes of the frame.");
        }

        var header = frame.Slice(HeaderLengthWordSize, headerLength);
        var command = type switch
        {
            (int)SerializeType.Json => JsonHeaderCodec.Read(header),
            (int)SerializeType.RocketMQ => BinaryHeaderCodec.Read(header),
            _ => throw new RemotingProtocolException(RemotingProtocolError.UnknownSerializeType, $"Unknown serialize type {type}."),
        };

        bodyStart = HeaderLengthWordSize + headerLength;
        return command;
    }

    /// <summary>Writes the complete frame, length prefix included.</summary>
    public static void Encode(RemotingCommand command, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var header = EncodeHeader(command);
        int frameLength = FrameLength(header.Length, command.Body.Length);

        var span = output.GetSpan(LengthPrefixSize + HeaderLengthWordSize + header.Length);
        WritePrefix(span, frameLength, command.SerializeType, header.Length);
        header.CopyTo(span[(LengthPrefixSize + HeaderLengthWordSize)..]);
        output.Advance(LengthPrefixSize + HeaderLengthWordSize + header.Length);
        if (!command.Body.IsEmpty)
        {
            output.Write(command.Body.Span);
        }
    }

    public static byte[] Encode(RemotingCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var header = EncodeHeader(command);
        int frameLength = FrameLength(header.Length, command.Body.Length);
        var result = new byte[LengthPrefixSize + frameLength];
        WritePrefix(result, frameLength, command.SerializeType, header.Length);
        header.CopyTo(result.AsSpan(LengthPrefixSize + HeaderLengthWordSize));
        command.Body.Span.CopyTo(result.AsSpan(LengthPrefixSize + HeaderLengthWordSize + header.Length));
        return result;
    }

    /// <summary>The header bytes, in a per-thread scratch buffer valid until the next call on this thread.</summary>
    private static ReadOnlySpan<byte> EncodeHeader(RemotingCommand command)
    {
        var scratch = _headerScratch ??= new ArrayBufferWriter<byte>(256);
        if (scratch.Capacity > 64 * 1024)
        {
            // Let one huge header not pin a huge buffer to the thread forever.
            scratch = _headerScratch = new ArrayBufferWriter<byte>(256);
        }
        else
        {
            scratch.ResetWrittenCount();
        }

        if (command.SerializeType == SerializeType.RocketMQ)
        {
            int length = BinaryHeaderCodec.GetLength(command);
            BinaryHeaderCodec.Write(command, scratch.GetSpan(length));
            scratch.Advance(length);
        }
        else
        {
            JsonHeaderCodec.Write(command, scratch);
            if (scratch.WrittenCount > MaxHeaderLength)
            {
                throw new InvalidOperationException($"The header would be {scratch.WrittenCount} bytes; the frame allows {MaxHeaderLength}.");
            }
        }

        return scratch.WrittenSpan;
    }

    private static int FrameLength(int headerLength, int bodyLength) =>
        checked(HeaderLengthWordSize + headerLength + bodyLength);

    private static void WritePrefix(Span<byte> dest, int frameLength, SerializeType type, int headerLength)
    {
        BinaryPrimitives.WriteInt32BigEndian(dest, frameLength);
        BinaryPrimitives.WriteInt32BigEndian(dest[LengthPrefixSize..], ((int)type << 24) | headerLength);
    }
}
