using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>
/// Explicit subscriptions live in the "PubSubStore" grain storage, which the silo host keeps in files beside the
/// broker's data: after every silo of the cluster has restarted, no activation remembers the subscription, so an
/// event still reaching the subscriber proves it was read back from storage.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class DurableSubscriptionTests(StreamingCluster fixture)
{
    [Fact]
    public async Task An_explicit_subscription_survives_a_restart_of_every_silo()
    {
        const string key = "durable-1";
        await fixture.Cluster.Client.GetGrain<IDurableSubscriberGrain>(key).SubscribeAsync();
        await fixture.Cluster.Client.GetGrain<IProducerGrain>("durable-producer").ProduceAsync(Topics.Durable, key, 0, 1);
        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Durable, key).Count == 1, "the first event delivered");

        foreach (var silo in fixture.Cluster.Silos.ToList())
        {
            await fixture.Cluster.RestartSiloAsync(silo);
        }

        await fixture.WaitForRoutesAsync();
        // The client knew only the old silos' gateways: a new one, as an application reconnecting would have.
        await fixture.Cluster.StopClusterClientAsync();
        await fixture.Cluster.InitializeClientAsync();
        await fixture.Cluster.Client.GetGrain<IProducerGrain>("durable-producer").ProduceAsync(Topics.Durable, key, 1, 1);

        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Durable, key).Count >= 2, "the event after the restarts delivered",
            TimeSpan.FromSeconds(30));
        Assert.Equal([0, 1], EventSink.SeqsOf(Topics.Durable, key));
    }
}
