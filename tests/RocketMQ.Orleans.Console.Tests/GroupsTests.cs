using Microsoft.Playwright;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Console.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>A consumer group's lag as the browser shows it, before and after our .NET push consumer consumes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GroupsTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    private const int Messages = 6;

    [Fact]
    public async Task Lag_is_shown_then_drops_to_zero_once_the_group_consumes()
    {
        var topic = ClusterWork.UniqueName("ConsoleLag");
        var group = ClusterWork.UniqueName("console_lag_group");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 2);
        var beforeSending = DateTimeOffset.UtcNow;
        await ClusterWork.SendAsync(silo, topic, Messages, "lag");

        // The group starts at the beginning of every queue: everything sent is its lag.
        await using (var pull = new RocketMQPullConsumer(silo.ClientOptions, new PullConsumerOptions { ConsumerGroup = group }))
        {
            foreach (var queue in await pull.FetchSubscribeQueuesAsync(topic))
            {
                await pull.CommitOffsetAsync(queue, 0);
            }
        }

        await using var page = await ConsolePage.OpenAsync(browser, silo);
        await page.GoToAsync("groups/" + group);
        await Assertions.Expect(page.Page.Locator("[data-testid=total-lag]")).ToHaveTextAsync(Messages.ToString());
        await Assertions.Expect(page.Page.Locator("[data-testid=group-queues] tbody tr", new() { HasText = topic })).ToHaveCountAsync(2);
        await page.ScreenshotAsync("group-lag");

        var consumed = 0;
        await using var consumer = new RocketMQPushConsumer(
            silo.ClientOptions,
            new PushConsumerOptions { ConsumerGroup = group, ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset },
            (_, _) =>
            {
                Interlocked.Increment(ref consumed);
                return ValueTask.FromResult(ConsumeResult.Success);
            });
        consumer.Subscribe(topic);
        await consumer.StartAsync();
        await Eventually.TrueAsync(() => Volatile.Read(ref consumed) >= Messages, "the push consumer receives every message", TimeSpan.FromSeconds(20));
        await consumer.PersistOffsetsAsync(oneway: false);

        // The page keeps polling: the lag it shows drops to zero and the consumer shows as a member.
        await Assertions.Expect(page.Page.Locator("[data-testid=total-lag]")).ToHaveTextAsync("0", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Page.Locator("[data-testid=group-members]")).ToContainTextAsync(consumer.ClientId);
        await page.ScreenshotAsync("group-consumed");

        // Reset by time to before the sends (the form takes minutes; the topic is new, so a minute earlier holds nothing
        // else): the broker moves both queues back to 0 and tells the connected consumer, which consumes everything again.
        var form = page.Page.Locator("#reset-offset");
        await form.Locator("select[name=topic]").SelectOptionAsync(topic);
        await form.Locator("input[name=timestamp]").FillAsync(beforeSending.AddMinutes(-1).ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("button[type=submit]").ClickAsync();
        var notice = page.Page.GetByRole(AriaRole.Status);
        await Assertions.Expect(notice).ToContainTextAsync("Reset 2 queue(s)");
        await Assertions.Expect(notice).ToContainTextAsync("console-broker/0→0");
        await Assertions.Expect(notice).ToContainTextAsync("console-broker/1→0");
        await Eventually.TrueAsync(() => Volatile.Read(ref consumed) >= 2 * Messages, "the consumer receives every message again after the reset", TimeSpan.FromSeconds(20));
        page.AssertNoErrors("group page");
    }
}
