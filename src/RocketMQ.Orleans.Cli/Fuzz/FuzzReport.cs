using System.Text;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>The outcome of a round: counts, RSS, the good pair, and every failed assertion.</summary>
internal sealed record FuzzReport
{
    public required FuzzSettings Settings { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required long FramesSent { get; init; }

    public required long BytesSent { get; init; }

    public required long Answered { get; init; }

    public required long Silent { get; init; }

    public required long ClosedExpected { get; init; }

    public required long ClosedUnexpected { get; init; }

    public required long AnswersLostToClose { get; init; }

    public required long Held { get; init; }

    public required long Unsolicited { get; init; }

    public required long ConnectionsOpened { get; init; }

    public required IReadOnlyDictionary<int, long> ResponseCodes { get; init; }

    public required IReadOnlyDictionary<string, (long Count, string First)> UnhandledExceptions { get; init; }

    public required IReadOnlyList<string> UnexpectedCloseSamples { get; init; }

    public required IReadOnlyList<string> UnsolicitedSamples { get; init; }

    public long? RssStartKiB { get; init; }

    public long? RssPeakKiB { get; init; }

    public long? RssEndKiB { get; init; }

    public bool SiloAlive { get; init; } = true;

    public required GoodPairResult GoodPair { get; init; }

    public required IReadOnlyList<string> Failures { get; init; }

    public double FramesPerSecond => FramesSent / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public bool Passed => Failures.Count == 0;

    /// <summary>The command that replays one frame of this round.</summary>
    public string ReplayCommand(long frame) =>
        $"rmq fuzz -n <namesrv> --seed {Settings.Seed} --connections {Settings.Connections} --replay {frame}";

    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {Settings.Seed}: {FramesSent} frames ({BytesSent / 1024.0 / 1024.0:F1} MiB) over {Settings.Connections} connections in {Elapsed.TotalSeconds:F1}s = {FramesPerSecond:F0} frames/s");
        text.AppendLine($"answered {Answered}, silent (oneway/response flag) {Silent}, connections closed by the server: {ClosedExpected} as required + {ClosedUnexpected} otherwise (answers lost to a close {AnswersLostToClose}), long polls held at the end {Held}, unsolicited answers {Unsolicited}, connections opened {ConnectionsOpened}");
        text.AppendLine("response codes: " + string.Join(", ", ResponseCodes.Select(p => $"{p.Key}×{p.Value}")));
        if (RssStartKiB is { } start)
        {
            text.AppendLine($"silo RSS: start {start / 1024} MiB, peak {RssPeakKiB / 1024} MiB, end {(RssEndKiB is { } end ? $"{end / 1024} MiB" : "n/a")}; alive: {SiloAlive}");
        }

        if (Settings.GoodPair)
        {
            text.AppendLine($"good pair: {GoodPair.Acknowledged} acknowledged, {GoodPair.Consumed} consumed, {GoodPair.Lost.Count} lost, {GoodPair.FailedSends} sends failed");
        }

        foreach (var (type, (count, first)) in UnhandledExceptions)
        {
            text.AppendLine($"unhandled {type} ×{count}, first: {first}");
        }

        foreach (var sample in UnexpectedCloseSamples)
        {
            text.AppendLine($"closed after a decodable frame: {sample}");
        }

        foreach (var sample in UnsolicitedSamples)
        {
            text.AppendLine($"unsolicited answer: {sample}");
        }

        foreach (var failure in Failures)
        {
            text.AppendLine("FAIL " + failure);
        }

        text.AppendLine(Passed ? "PASS" : $"FAILED (seed {Settings.Seed}; replay a frame with: {ReplayCommand(0).Replace("--replay 0", "--replay <frame>", StringComparison.Ordinal)})");
        return text.ToString();
    }
}
