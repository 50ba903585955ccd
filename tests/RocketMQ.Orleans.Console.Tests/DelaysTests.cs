using Microsoft.Playwright;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Console.Tests.Infrastructure;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>
/// The delayed-messages page counts what waits in SCHEDULE_TOPIC_XXXX, read generically from the broker, and the timed
/// messages its timer has not delivered (GET_BROKER_RUNTIME_INFO's timerPendingNum).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DelaysTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    /// <summary>Level 5 is one minute by default: the messages stay pending for the whole test.</summary>
    private const int Level = 5;

    [Fact]
    public async Task Messages_waiting_on_a_delay_level_are_shown_as_pending_on_that_level()
    {
        var topic = ClusterWork.UniqueName("ConsoleDelay");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 1);
        await using (var producer = new RocketMQProducer(silo.ClientOptions, new ProducerOptions { ProducerGroup = ClusterWork.UniqueName("console_delay_producer") }))
        {
            for (var i = 0; i < 3; i++)
            {
                var result = await producer.SendAsync(new Message(topic, "later"u8.ToArray()) { DelayTimeLevel = Level });
                Assert.Equal(SendStatus.SendOk, result.Status);
            }

            // Two timed messages an hour ahead: pending on the timer for the whole test (and beyond any other test's).
            long inAnHour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            for (var i = 0; i < 2; i++)
            {
                var timed = new Message(topic, "at a time"u8.ToArray());
                timed.Properties["TIMER_DELIVER_MS"] = inAnHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(SendStatus.SendOk, (await producer.SendAsync(timed)).Status);
            }
        }

        await using var page = await ConsolePage.OpenAsync(browser, silo);
        await page.GoToAsync("delays");

        var row = page.Page.Locator("[data-testid=delay-levels] tbody tr").Filter(new() { Has = page.Page.Locator("td:first-child", new() { HasTextString = Level.ToString() }) });
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1m");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("3");
        // At least the two sent here (other tests' timers may be pending too): 2-9, or a number of two or more digits.
        await Assertions.Expect(page.Page.Locator("[data-testid=timer-pending]"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^([2-9]|[1-9][\d,]+) pending on the timer$"));
        await page.ScreenshotAsync("delays-pending");
        page.AssertNoErrors("#/delays");
    }
}
