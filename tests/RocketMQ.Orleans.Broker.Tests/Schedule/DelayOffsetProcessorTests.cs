using System.Text;
using System.Text.Json;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Schedule;

public sealed class DelayOffsetProcessorTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Dictionary<int, long>> DelayOffsetsAsync()
    {
        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetAllDelayOffset));
        Assert.Equal(ResponseCode.Success, response.Code);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(response.Body.Span));
        return json.RootElement.GetProperty("offsetTable").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => p.Value.GetInt64());
    }

    [Fact]
    public async Task GetAllDelayOffset_answers_the_next_offset_of_every_level_through_the_dispatcher()
    {
        var empty = await DelayOffsetsAsync();
        Assert.Equal(Enumerable.Range(1, 18), empty.Keys.Order());
        Assert.All(empty.Values, offset => Assert.Equal(0, offset));

        _host.CreateTopic("TD");
        for (int i = 0; i < 2; i++)
        {
            var sent = await _host.SendAsync(BrokerTestHost.SendHeader("TD", 0, BrokerTestHost.Properties("A", extra: ("DELAY", "2"))), "d" + i);
            Assert.Equal(ResponseCode.Success, sent.Code);
        }

        await Eventually.TrueAsync(() => _host.Store.GetMaxOffsetInQueue("TD", 0) == 2, "both delayed messages delivered");
        await Eventually.HoldsAsync(async () => (await DelayOffsetsAsync())[2] == 2, TimeSpan.FromSeconds(10), "level 2 offset is 2");
        Assert.Equal(0, (await DelayOffsetsAsync())[1]);
    }
}
