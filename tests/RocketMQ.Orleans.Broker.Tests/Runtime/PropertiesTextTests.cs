using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Tests.Runtime;

public sealed class PropertiesTextTests
{
    private const char NV = '\u0001';
    private const char S = '\u0002';

    [Fact]
    public void Edit_DropsNamedPairs_AppendsReplacing_AndLeavesNoTrailingSeparator()
    {
        var sent = $"TAGS{NV}A{S}WAIT{NV}true{S}CLUSTER{NV}old{S}KEYS{NV}k{S}";

        var edited = PropertiesText.Edit(sent, ["WAIT"], [new("CLUSTER", "DefaultCluster")]);

        Assert.Equal($"TAGS{NV}A{S}KEYS{NV}k{S}CLUSTER{NV}DefaultCluster", edited);
    }

    [Fact]
    public void Edit_OfNothing_IsOnlyTheAppendedPairs()
    {
        Assert.Equal($"A{NV}1{S}B{NV}2", PropertiesText.Edit(null, [], [new("A", "1"), new("B", "2")]));
        Assert.Equal(string.Empty, PropertiesText.Edit(string.Empty, [], []));
    }

    [Fact]
    public void Get_MatchesWholeNamesOnly_AndTheLastDuplicateWins()
    {
        var properties = $"WAITX{NV}no{S}WAIT{NV}first{S}WAIT{NV}last";

        Assert.Equal("last", PropertiesText.Get(properties, "WAIT"));
        Assert.Null(PropertiesText.Get(properties, "WAI"));
        Assert.Null(PropertiesText.Get(null, "WAIT"));
    }
}
