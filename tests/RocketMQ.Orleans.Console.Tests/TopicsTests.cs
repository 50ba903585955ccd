using Microsoft.Playwright;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Console.Tests.Infrastructure;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>Topic management through the browser, checked with the admin client against the name server.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TopicsTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task A_topic_created_in_the_form_is_routed_and_can_be_deleted()
    {
        var topic = ClusterWork.UniqueName("ConsoleCreated");
        await using var page = await ConsolePage.OpenAsync(browser, silo);
        await page.GoToAsync("topics");

        var form = page.Page.Locator("#create-topic");
        await form.Locator("input[name=topic]").FillAsync(topic);
        await form.Locator("input[name=readQueueNums]").FillAsync("4");
        await form.Locator("input[name=writeQueueNums]").FillAsync("4");
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Topic {topic} saved on console-broker");
        await using (var admin = new RocketMQAdmin(silo.ClientOptions))
        {
            var route = await admin.GetTopicRouteAsync(topic);
            Assert.NotNull(route);
            var queues = Assert.Single(route.QueueDatas);
            Assert.Equal((4, 4), (queues.ReadQueueNums, queues.WriteQueueNums));
        }

        // The list shows it; its page shows its four queues on this broker group.
        await page.Page.Locator("[data-testid=topic-list] tr", new() { HasText = topic }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#topic-name")).ToHaveTextAsync(topic);
        await Assertions.Expect(page.Page.Locator("[data-testid=topic-queues] tbody tr")).ToHaveCountAsync(4);
        await page.ScreenshotAsync("topic-detail");
        page.AssertNoErrors("topic detail");

        page.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.Page.Locator("#delete-topic").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#create-topic")).ToBeVisibleAsync();
        await using (var admin = new RocketMQAdmin(silo.ClientOptions))
        {
            await Eventually.HoldsAsync(async () => await admin.GetTopicRouteAsync(topic) is null, TimeSpan.FromSeconds(10), "the deleted topic's route is gone");
        }
    }
}
