using RocketMQ.Orleans.Broker.Filter;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Filter;

/// <summary>CHECK_CLIENT_CONFIG (code 46), which Java consumers send on start (Apache ClientManageProcessor.checkClientConfig).</summary>
public sealed class CheckClientConfigTests
{
    [Fact]
    public async Task A_valid_expression_passes()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.EnablePropertyFilter = true);

        var response = await CheckAsync(host, SubscriptionData.ExpressionTypeSql92, "a IS NOT NULL AND b IN ('x')");

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Null(response.Remark);
    }

    [Fact]
    public async Task A_bad_expression_is_subscription_parse_failed_with_the_parsers_message()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.EnablePropertyFilter = true);

        var response = await CheckAsync(host, SubscriptionData.ExpressionTypeSql92, "a > 'x'");

        Assert.Equal(ResponseCode.SubscriptionParseFailed, response.Code);
        Assert.Equal("Value ''x'' cannot be compared.", response.Remark);
    }

    [Fact]
    public async Task Sql92_without_enablePropertyFilter_is_a_system_error()
    {
        await using var host = await BrokerTestHost.StartAsync();

        var response = await CheckAsync(host, SubscriptionData.ExpressionTypeSql92, "a = 1");

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("The broker does not support consumer to filter message by SQL92", response.Remark);
    }

    [Fact]
    public async Task Tag_subscriptions_always_pass()
    {
        await using var host = await BrokerTestHost.StartAsync();

        var response = await CheckAsync(host, SubscriptionData.ExpressionTypeTag, "TagA || TagB");

        Assert.Equal(ResponseCode.Success, response.Code);
    }

    private static Task<RemotingCommand> CheckAsync(BrokerTestHost host, string type, string expression)
    {
        var body = new CheckClientRequestBody
        {
            ClientId = "c1",
            Group = "CG",
            SubscriptionData = new SubscriptionData { Topic = "TP", SubString = expression, ExpressionType = type },
        };
        return host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.CheckClientConfig, body: body.Encode()));
    }
}
