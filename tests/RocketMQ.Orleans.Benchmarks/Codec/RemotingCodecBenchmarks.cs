using System.Buffers;
using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Benchmarks.Codec;

/// <summary>Encoding and decoding one SEND_MESSAGE_V2 frame, per header encoding, as the remoting endpoint does per request.</summary>
[MemoryDiagnoser]
public class RemotingCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private RemotingCommand _request = null!;
    private byte[] _frame = null!;

    [Params(SerializeType.Json, SerializeType.RocketMQ)]
    public SerializeType Encoding { get; set; }

    [Params(1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _request = SampleMessages.SendRequest(BodySize, Encoding);
        _frame = RemotingCommandCodec.Encode(_request);
    }

    [Benchmark]
    public int EncodeFrame()
    {
        _output.ResetWrittenCount();
        RemotingCommandCodec.Encode(_request, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int DecodeFrame()
    {
        var buffer = new ReadOnlySequence<byte>(_frame);
        RemotingCommandCodec.TryReadFrame(ref buffer, out var command);
        return command!.Code;
    }
}
