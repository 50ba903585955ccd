using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Console.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>The JSON API behind the pages: lookups the browser tests do not cover, resend, and how bad input is answered.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiTests(ConsoleSiloFixture silo) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = silo.ConsoleUri, Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Lookup_by_time_range_returns_the_messages_stored_in_it()
    {
        var topic = ClusterWork.UniqueName("ConsoleRange");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 3);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000;
        var sent = await ClusterWork.SendAsync(silo, topic, 7, "range");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000;

        // Acknowledged sends reach the consume queues the lookup reads a moment later (dispatch runs behind the log).
        var expected = sent.Select(s => s.OffsetMsgId).Order().ToArray();
        JsonElement[] inRange = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                inRange = await GetArrayAsync($"api/messages/by-time?topic={topic}&begin={before}&end={after}");
                return inRange.Length >= expected.Length;
            },
            TimeSpan.FromSeconds(10),
            () => $"the lookup finds all {expected.Length} messages (found {inRange.Length})");
        var beforeRange = await GetArrayAsync($"api/messages/by-time?topic={topic}&begin={before - 60_000}&end={before - 30_000}");

        Assert.Equal(expected, inRange.Select(m => m.GetProperty("msgId").GetString()!).Order());
        Assert.Empty(beforeRange);
    }

    [Fact]
    public async Task Resend_puts_the_message_on_the_groups_retry_topic_with_its_original_topic()
    {
        var topic = ClusterWork.UniqueName("ConsoleResend");
        var group = ClusterWork.UniqueName("console_resend_group");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 1);
        await using (var admin = new RocketMQAdmin(silo.ClientOptions))
        {
            await admin.CreateOrUpdateSubscriptionGroupAsync(new SubscriptionGroupConfig { GroupName = group });
        }

        var sent = await ClusterWork.SendAsync(silo, topic, 1, "resend");

        using var response = await _http.PostAsJsonAsync("api/messages/resend", new { msgId = sent[0].OffsetMsgId, group });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retryTopic = "%RETRY%" + group;
        Assert.Equal(retryTopic, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetString());

        // Delay level 1: the copy reaches the retry topic within about a second (at once where delays are not scheduled).
        JsonElement copy = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                using var found = await _http.GetAsync($"api/messages/by-time?topic={Uri.EscapeDataString(retryTopic)}&begin=0&end={long.MaxValue}");
                if (found.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                var messages = await found.Content.ReadFromJsonAsync<JsonElement[]>();
                copy = messages!.FirstOrDefault();
                return messages!.Length == 1;
            },
            TimeSpan.FromSeconds(15),
            "the resent message is stored on the retry topic");
        var properties = copy.GetProperty("properties");
        Assert.Equal(topic, properties.GetProperty("RETRY_TOPIC").GetString());
        Assert.Equal(sent[0].MsgId, properties.GetProperty("UNIQ_KEY").GetString());
        Assert.Equal("hello 0", Encoding.UTF8.GetString(Convert.FromBase64String(copy.GetProperty("body").GetString()!)));
    }

    [Fact]
    public async Task Bad_requests_get_a_json_error_and_the_silo_keeps_serving()
    {
        using var unknown = await _http.GetAsync("api/topics/NoSuchTopic_" + Guid.NewGuid().ToString("N"));
        using var badPerm = await _http.PostAsJsonAsync("api/topics", new { topic = "BadPerm", readQueueNums = 1, writeQueueNums = 1, perm = 3 });
        using var badJson = await _http.PostAsync("api/topics", new StringContent("{not json", Encoding.UTF8, "application/json"));
        using var badId = await _http.GetAsync("api/messages/by-id?id=not-an-id");
        using var cluster = await _http.GetAsync("api/cluster");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("does not exist", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badPerm.StatusCode);
        Assert.Contains("perm", (await badPerm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cluster.StatusCode);
    }

    [Fact]
    public async Task System_topics_and_groups_cannot_be_deleted_re_permissioned_or_reset_from_the_console()
    {
        using var delete = await _http.DeleteAsync("api/topics/SCHEDULE_TOPIC_XXXX");
        using var repermission = await _http.PostAsJsonAsync("api/topics", new { topic = "TBW102", readQueueNums = 1, writeQueueNums = 1, perm = 2 });
        using var reset = await _http.PostAsJsonAsync("api/groups/CID_RMQ_SYS_TRANS/reset-offset", new { topic = "RMQ_SYS_TRANS_HALF_TOPIC", timestamp = 0 });
        using var illegal = await _http.PostAsJsonAsync("api/topics", new { topic = "bad topic", readQueueNums = 1, writeQueueNums = 1, perm = 6 });

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("The topic[SCHEDULE_TOPIC_XXXX] is conflict with system topic.", (await delete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, repermission.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, illegal.StatusCode);
        using var schedule = await _http.GetAsync("api/topics/SCHEDULE_TOPIC_XXXX");
        Assert.Equal(HttpStatusCode.OK, schedule.StatusCode);
    }

    [Fact]
    public async Task The_front_end_is_served_from_the_assembly()
    {
        using var index = await _http.GetAsync("/");
        using var script = await _http.GetAsync("js/app.js");
        using var metrics = await _http.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("<nav id=\"nav\">", await index.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement[]> GetArrayAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }
}
