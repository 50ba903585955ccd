using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>Encoded UTF-8 message properties, as the broker finds them in a stored message.</summary>
internal static class Props
{
    public static byte[] Of(params (string Name, string Value)[] properties) =>
        MessageProperties.EncodeUtf8(properties.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    public static FilterOutcome Eval(string expression, params (string Name, string Value)[] properties) =>
        Sql92Filter.Compile(expression).Evaluate(Of(properties));
}
