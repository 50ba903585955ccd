using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Filter;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Benchmarks.Filter;

/// <summary>
/// Evaluating one compiled SQL92 expression against a message's encoded UTF-8 properties (what the broker does per
/// candidate message), per expression shape; one operation = one message. Allocation must read 0 B.
/// </summary>
[Config(typeof(FilterBenchmarkConfig.Micro))]
[MemoryDiagnoser]
public class Sql92EvaluationBenchmarks
{
    private const int Messages = 8;

    private Sql92Filter _filter = null!;
    private byte[][] _properties = null!;

    public static IEnumerable<string> Expressions =>
    [
        "color = 'red'",
        "a BETWEEN 3 AND 7 AND color = 'red'",
        "TAGS IN ('TagA', 'TagB', 'TagC', 'TagD', 'TagE') OR price > 9.99",
        "a IS NOT NULL AND NOT (region <> 'eu-west') AND a > b",
    ];

    [ParamsSource(nameof(Expressions))]
    public string Expression { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _filter = Sql92Filter.Compile(Expression);
        _properties = Enumerable.Range(0, Messages).Select(i => MessageProperties.EncodeUtf8(new Dictionary<string, string>
        {
            [MessageConst.PropertyTags] = i % 2 == 0 ? "TagA" : "TagZ",
            [MessageConst.PropertyKeys] = "order-1234567 customer-42",
            [MessageConst.PropertyUniqClientMessageIdKeyidx] = "0A0000070D2218B4AAC2" + i.ToString("D12"),
            ["region"] = "eu-west",
            ["a"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["b"] = "3",
            ["color"] = i % 2 == 0 ? "red" : "blue",
            ["price"] = (i * 2.5).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Evaluate()
    {
        int matched = 0;
        foreach (var properties in _properties)
        {
            matched += _filter.Matches(properties) ? 1 : 0;
        }

        return matched;
    }
}
