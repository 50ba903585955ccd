using System.Text;
using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Benchmarks.Codec;

/// <summary>
/// The stored-message work per message: the broker encodes once on put and parses a view on dispatch;
/// a client decodes a 32-message pull body.
/// </summary>
[MemoryDiagnoser]
public class StoredMessageCodecBenchmarks
{
    private static readonly byte[] TagsName = Encoding.UTF8.GetBytes(MessageConst.PropertyTags);
    private byte[] _body = null!;
    private byte[] _properties = null!;
    private byte[] _destination = null!;
    private byte[] _stored = null!;
    private byte[] _pullBody = null!;

    [Params(128, 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = SampleMessages.Body(BodySize);
        _properties = Encoding.UTF8.GetBytes(SampleMessages.Properties());
        var header = SampleMessages.StoredHeader();
        var length = StoredMessageEncoder.GetLength(header, _body.Length, SampleMessages.TopicUtf8.Length, _properties.Length);
        _destination = new byte[length];
        _stored = new byte[length];
        StoredMessageEncoder.Write(_stored, header, _body, SampleMessages.TopicUtf8, _properties);
        _pullBody = new byte[length * 32];
        for (var i = 0; i < 32; i++)
        {
            _stored.CopyTo(_pullBody, i * length);
        }
    }

    [Benchmark(Description = "Encode stored message (incl. body CRC)")]
    public int Encode() =>
        StoredMessageEncoder.Write(_destination, SampleMessages.StoredHeader(), _body, SampleMessages.TopicUtf8, _properties);

    [Benchmark(Description = "Parse view + tags code (dispatch)")]
    public long ParseViewAndTagsCode()
    {
        StoredMessageView.TryParse(_stored, out var view);
        MessageProperties.TryGetValue(view.PropertiesUtf8, TagsName, out var tags);
        return TagsCode.Of(tags) + view.QueueOffset;
    }

    [Benchmark(Description = "Client decode of a 32-message pull body")]
    public int DecodePullBody() => StoredMessageDecoder.DecodeAll(_pullBody).Count;
}
