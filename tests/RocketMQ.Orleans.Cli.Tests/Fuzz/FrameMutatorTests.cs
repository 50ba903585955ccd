using RocketMQ.Orleans.Cli.Fuzz;

namespace RocketMQ.Orleans.Cli.Tests.Fuzz;

public sealed class FrameMutatorTests
{
    [Fact]
    public void Every_frame_of_a_round_generates_and_the_same_seed_gives_the_same_bytes()
    {
        var corpus = FuzzCorpus.Build("broker-a");
        var first = new FrameMutator(corpus, seed: 42, new HashSet<FuzzMutation>());
        var second = new FrameMutator(FuzzCorpus.Build("broker-a"), seed: 42, new HashSet<FuzzMutation>());
        var outcomes = new Dictionary<StreamOutcome, int>();

        for (long index = 0; index < 5_000; index++)
        {
            var target = FuzzSettings.TargetOf((int)(index % 16));
            var frame = first.Generate(index, target);
            var expectation = FrameExpectation.Of(frame.Bytes, 16 * 1024 * 1024);
            outcomes[expectation.Outcome] = outcomes.GetValueOrDefault(expectation.Outcome) + 1;
            if (index % 97 == 0)
            {
                Assert.Equal(frame.Bytes, second.Generate(index, target).Bytes);
            }
        }

        // A useful mix: most frames still reach a processor, a real share must make the server close the connection.
        Assert.InRange(outcomes[StreamOutcome.Decodable], 1_500, 4_000);
        Assert.True(outcomes[StreamOutcome.Malformed] > 500, $"{outcomes[StreamOutcome.Malformed]} malformed");
        Assert.True(outcomes[StreamOutcome.Incomplete] > 125, $"{outcomes[StreamOutcome.Incomplete]} incomplete");
    }

    [Fact]
    public void Unedited_seeds_encode_to_the_protocol_codecs_bytes_and_decode()
    {
        foreach (var seed in FuzzCorpus.Build("broker-a"))
        {
            var bytes = FuzzFrameEncoder.Encode(seed.Frame);
            var expectation = FrameExpectation.Of(bytes, 16 * 1024 * 1024);

            Assert.Equal(StreamOutcome.Decodable, expectation.Outcome);
            Assert.Equal(seed.Frame.Flag == 2 ? 0 : 1, expectation.Answers.Count);
        }
    }

    [Fact]
    public void Excluded_classes_are_never_applied()
    {
        var excluded = Enum.GetValues<FuzzMutation>().Where(m => m is not FuzzMutation.BitFlip and not FuzzMutation.Valid).ToHashSet();
        var mutator = new FrameMutator(FuzzCorpus.Build("broker-a"), seed: 3, excluded);

        for (long index = 0; index < 2_000; index++)
        {
            Assert.All(mutator.Generate(index, FuzzTarget.Broker).Mutations, m => Assert.Contains(m, new[] { FuzzMutation.BitFlip, FuzzMutation.Valid }));
        }
    }
}
