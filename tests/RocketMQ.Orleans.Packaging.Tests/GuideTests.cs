using RocketMQ.Orleans.Packaging.Tests.Infrastructure;

namespace RocketMQ.Orleans.Packaging.Tests;

/// <summary>
/// docs/streams.md shows the grains of samples/StreamsHost, which PackagesTests builds and runs against the packages:
/// the guide's copy must stay the sample's code, so what a reader copies is what was compiled and run.
/// </summary>
public sealed class GuideTests
{
    [Theory]
    [InlineData("OrderPlaced.cs")]
    [InlineData("OrderGrain.cs")]
    [InlineData("OrderProjectionGrain.cs")]
    public void The_guide_shows_the_sample_grains_verbatim(string file)
    {
        var guide = Normalize(File.ReadAllText(Path.Combine(Repository.Root, "docs", "streams.md")));
        var code = Normalize(File.ReadAllText(Path.Combine(Repository.Samples, SampleWorkspace.SampleName, file))).Trim();
        Assert.True(guide.Contains("```csharp\n" + code + "\n```", StringComparison.Ordinal),
            $"docs/streams.md no longer shows samples/{SampleWorkspace.SampleName}/{file} as it is; copy the file into the guide's code block.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
