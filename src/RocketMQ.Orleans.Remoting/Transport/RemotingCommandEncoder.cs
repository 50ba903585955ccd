using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>Writes a <see cref="RemotingCommand"/> as one length-prefixed frame into a pooled buffer.</summary>
internal sealed class RemotingCommandEncoder : MessageToByteEncoder<RemotingCommand>
{
    private const int InitialBufferSize = 1024;
    private readonly ByteBufferWriter _writer = new();

    protected override IByteBuffer AllocateBuffer(IChannelHandlerContext context) =>
        context.Allocator.HeapBuffer(InitialBufferSize);

    protected override void Encode(IChannelHandlerContext context, RemotingCommand message, IByteBuffer output)
    {
        _writer.Attach(output);
        try
        {
            RemotingCommandCodec.Encode(message, _writer);
        }
        finally
        {
            _writer.Detach();
        }
    }
}
