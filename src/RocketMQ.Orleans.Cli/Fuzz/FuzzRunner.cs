using System.Diagnostics;
using System.Net;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>
/// One round: the good pair starts, C connections send their share of N mutated frames to the broker and name server
/// listeners, the silo's RSS is sampled, then the assertions: silo alive, RSS growth bounded, every decodable request
/// answered and every undecodable frame's connection closed, no unhandled exception in an answer, nothing acknowledged
/// to the good pair lost.
/// </summary>
internal static class FuzzRunner
{
    public static async Task<FuzzReport> RunAsync(FuzzSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var stats = new FuzzStats();
        var failures = new List<string>();
        GoodPair? pair = null;
        RssSampler? rss = null;
        string brokerAddress;
        string brokerName;
        string goodTopic = "FuzzGood" + settings.Seed;
        try
        {
            if (settings.GoodPair)
            {
                (pair, brokerAddress, brokerName) = await GoodPair.StartAsync(settings.NameServer, goodTopic, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (brokerAddress, brokerName) = await FindBrokerAsync(settings.NameServer, cancellationToken).ConfigureAwait(false);
            }

            var endpoints = new Dictionary<FuzzTarget, EndPoint>
            {
                [FuzzTarget.Broker] = ParseEndPoint(brokerAddress),
                [FuzzTarget.NameServer] = ParseEndPoint(settings.NameServer.Split(';')[0]),
            };
            var mutator = new FrameMutator(FuzzCorpus.Build(brokerName), settings.Seed, settings.Excluded);
            if (settings.SiloPid is { } pid)
            {
                rss = new RssSampler(pid, TimeSpan.FromMilliseconds(250));
            }

            progress.WriteLine($"fuzzing {brokerAddress} (broker {brokerName}) and {settings.NameServer}: {settings.Frames} frames, {settings.Connections} connections, seed {settings.Seed}"
                + (settings.Excluded.Count > 0 ? ", excluded: " + string.Join(",", settings.Excluded) : string.Empty));
            long start = Stopwatch.GetTimestamp();
            if (settings.Replay is { } replay)
            {
                int connection = settings.ConnectionOf(replay);
                var target = FuzzSettings.TargetOf(connection);
                await new FuzzConnection(endpoints[target], target, mutator, stats, settings, progress.WriteLine)
                    .RunAsync([replay], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var connections = Enumerable.Range(0, settings.Connections).Select(c =>
                {
                    var target = FuzzSettings.TargetOf(c);
                    var frames = FramesOf(c, settings);
                    return Task.Run(() => new FuzzConnection(endpoints[target], target, mutator, stats, settings).RunAsync(frames, cancellationToken), cancellationToken);
                }).ToArray();
                await ReportProgressAsync(Task.WhenAll(connections), stats, rss, start, progress).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var goodResult = GoodPairResult.None;
            if (pair is not null)
            {
                goodResult = await pair.FinishAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                if (goodResult.Lost.Count > 0)
                {
                    failures.Add($"the good pair lost {goodResult.Lost.Count} acknowledged message(s), e.g. {string.Join(", ", goodResult.Lost.Take(5))}");
                }

                if (goodResult.Acknowledged == 0)
                {
                    failures.Add("the good producer got no message acknowledged during the round");
                }
            }

            bool alive = true;
            long? endKiB = null;
            if (settings.SiloPid is { } siloPid)
            {
                endKiB = rss!.Sample();
                alive = RssSampler.IsAlive(siloPid);
                if (!alive)
                {
                    failures.Add($"the silo process {siloPid} died");
                }
                else if ((rss.PeakKiB - rss.StartKiB) / 1024 > settings.MaxRssGrowthMiB)
                {
                    failures.Add($"silo RSS grew from {rss.StartKiB / 1024} MiB to a peak of {rss.PeakKiB / 1024} MiB (limit +{settings.MaxRssGrowthMiB} MiB)");
                }
            }

            if (alive && await ProbeAsync(settings.NameServer, cancellationToken).ConfigureAwait(false) is { } probeFailure)
            {
                failures.Add(probeFailure);
            }

            foreach (var (type, (count, first)) in stats.UnhandledExceptions)
            {
                failures.Add($"{count} answer(s) report an unhandled {type}; first {first}");
            }

            failures.AddRange(stats.Failures);
            return new FuzzReport
            {
                Settings = settings,
                Elapsed = elapsed,
                FramesSent = stats.FramesSent,
                BytesSent = stats.BytesSent,
                Answered = stats.Answered,
                Silent = stats.Silent,
                ClosedExpected = stats.ClosedExpected,
                ClosedUnexpected = stats.ClosedUnexpected,
                AnswersLostToClose = stats.AnswersLostToClose,
                Held = stats.Held,
                Unsolicited = stats.Unsolicited,
                ConnectionsOpened = stats.ConnectionsOpened,
                ResponseCodes = stats.ResponseCodes,
                UnhandledExceptions = stats.UnhandledExceptions,
                UnexpectedCloseSamples = stats.UnexpectedCloseSamples,
                UnsolicitedSamples = stats.UnsolicitedSamples,
                RssStartKiB = rss?.StartKiB,
                RssPeakKiB = rss?.PeakKiB,
                RssEndKiB = endKiB,
                SiloAlive = alive,
                GoodPair = goodResult,
                Failures = failures,
            };
        }
        finally
        {
            if (rss is not null)
            {
                await rss.DisposeAsync().ConfigureAwait(false);
            }

            if (pair is not null)
            {
                await pair.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Frames of connection <paramref name="connection"/>: every C-th index, so the split does not depend on timing.</summary>
    private static IEnumerable<long> FramesOf(int connection, FuzzSettings settings)
    {
        for (long index = connection; index < settings.Frames; index += settings.Connections)
        {
            yield return index;
        }
    }

    private static async Task<(string Address, string Name)> FindBrokerAsync(string nameServer, CancellationToken cancellationToken)
    {
        await using var admin = new RocketMQAdmin(new RocketMQClientOptions { NameServerAddress = nameServer });
        var brokers = await admin.GetMasterBrokersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return brokers.Count > 0 ? (brokers[0].Address, brokers[0].BrokerName) : throw new RocketMQClientException("The name server knows no broker.");
    }

    /// <summary>After the round, a fresh well-formed client must still be served by the name server.</summary>
    private static async Task<string?> ProbeAsync(string nameServer, CancellationToken cancellationToken)
    {
        try
        {
            await using var admin = new RocketMQAdmin(new RocketMQClientOptions { NameServerAddress = nameServer });
            var cluster = await admin.GetClusterInfoAsync(cancellationToken).ConfigureAwait(false);
            return cluster.BrokerAddrTable.Count > 0 ? null : "after the round the name server lists no broker";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"after the round a fresh client cannot query the name server: {exception.Message}";
        }
    }

    private static async Task ReportProgressAsync(Task done, FuzzStats stats, RssSampler? rss, long start, TextWriter progress)
    {
        while (await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) != done)
        {
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            string memory = rss?.Sample() is { } kib ? $" rss={kib / 1024}MiB" : string.Empty;
            progress.WriteLine($"[{seconds,6:F1}s] frames={stats.FramesSent} ({stats.FramesSent / seconds:F0}/s) answered={stats.Answered} closed={stats.ClosedExpected}+{stats.ClosedUnexpected} failures={stats.FailureCount}{memory}");
        }

        await done.ConfigureAwait(false);
    }

    private static EndPoint ParseEndPoint(string address)
    {
        int colon = address.LastIndexOf(':');
        var host = address[..colon];
        int port = int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return new IPEndPoint(IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host)[0], port);
    }
}
