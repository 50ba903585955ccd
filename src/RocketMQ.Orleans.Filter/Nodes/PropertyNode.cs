using System.Text;
using RocketMQ.Orleans.Filter.Evaluation;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>A message property by name (TAGS, KEYS and user properties alike): its string value, or null when absent.</summary>
internal sealed class PropertyNode(string name) : FilterNode
{
    private readonly byte[] _nameUtf8 = Encoding.UTF8.GetBytes(name);

    public string Name => name;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties) =>
        MessageProperties.TryGetValue(properties, _nameUtf8, out var value) ? FilterValue.String(value) : FilterValue.Null;

    public override string ToString() => name;
}
