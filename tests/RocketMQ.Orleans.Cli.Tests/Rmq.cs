using System.CommandLine;
using System.Text.Json;

namespace RocketMQ.Orleans.Cli.Tests;

/// <summary>Runs <c>rmq</c> in process with its stdout and stderr captured.</summary>
internal static class Rmq
{
    public sealed record Run(int ExitCode, string Out, string Error)
    {
        /// <summary>stdout parsed as JSON (fails the test if it is not).</summary>
        public JsonElement Json()
        {
            Assert.True(ExitCode == 0, $"exit code {ExitCode}: {Error}");
            using var document = JsonDocument.Parse(Out);
            return document.RootElement.Clone();
        }
    }

    public static async Task<Run> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await RmqCommandLine.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return new Run(exitCode, output.ToString(), error.ToString());
    }
}
