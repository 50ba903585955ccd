using System.Text;
using Microsoft.Playwright;
using RocketMQ.Orleans.Console.Tests.Infrastructure;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>Message lookup in the browser for messages our .NET producer sent.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class MessagesTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task A_message_found_by_key_shows_its_properties_and_body_as_text_and_hex()
    {
        var topic = ClusterWork.UniqueName("ConsoleKeys");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 4);
        var sent = await ClusterWork.SendAsync(silo, topic, 5, "order");
        await using var page = await ConsolePage.OpenAsync(browser, silo);
        await page.GoToAsync("messages");

        var form = page.Page.Locator("#message-search");
        await form.Locator("input[name=topic]").FillAsync(topic);
        await form.Locator("input[name=key]").FillAsync("order-3");
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Page.Locator("[data-testid=result-count]")).ToHaveTextAsync("1 message(s)");
        await Assertions.Expect(page.Page.Locator("[data-testid=message-results]")).ToContainTextAsync(sent[3].OffsetMsgId);
        var properties = page.Page.Locator("[data-testid=message-properties]");
        await Assertions.Expect(properties.Locator("tr", new() { HasText = "KEYS" })).ToContainTextAsync("order-3");
        await Assertions.Expect(properties.Locator("tr", new() { HasText = "shop" })).ToContainTextAsync("north");
        await Assertions.Expect(properties.Locator("tr", new() { HasText = "UNIQ_KEY" })).ToContainTextAsync(sent[3].MsgId);
        var body = page.Page.Locator("[data-testid=message-body]");
        await Assertions.Expect(body).ToHaveTextAsync("hello 3");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Hex", Exact = true }).ClickAsync();
        var hex = string.Join(' ', Encoding.UTF8.GetBytes("hello 3").Select(b => b.ToString("x2")));
        await Assertions.Expect(body).ToContainTextAsync("00000000  " + hex);
        await page.ScreenshotAsync("message-detail");
        page.AssertNoErrors("message lookup");
    }

    [Fact]
    public async Task A_message_found_by_offset_id_is_shown_on_its_own()
    {
        var topic = ClusterWork.UniqueName("ConsoleIds");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 2);
        var sent = await ClusterWork.SendAsync(silo, topic, 2, "id");
        await using var page = await ConsolePage.OpenAsync(browser, silo);
        await page.GoToAsync("messages");

        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "By message id" }).ClickAsync();
        var form = page.Page.Locator("#message-search");
        await form.Locator("input[name=id]").FillAsync(sent[1].OffsetMsgId);
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Page.Locator("[data-testid=result-count]")).ToHaveTextAsync("1 message(s)");
        await Assertions.Expect(page.Page.Locator("[data-testid=message-body]")).ToHaveTextAsync("hello 1");
        page.AssertNoErrors("lookup by id");
    }
}
