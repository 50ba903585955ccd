using System.Diagnostics;
using System.Text;

namespace RocketMQ.Orleans.Packaging.Tests.Infrastructure;

/// <summary>What a finished child process printed.</summary>
public sealed record ChildProcessResult(int ExitCode, string Output)
{
    public void AssertSucceeded(string what) =>
        Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}:\n{Output}");
}

/// <summary>
/// Runs `dotnet ...` as a user would in a shell: a clean MSBuild environment (nothing of the test host's own build
/// leaks in), no build servers left behind (they would outlive the test and hold its output pipes), stdout and stderr
/// collected together, the whole process tree killed if it overruns.
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildProcessResult> DotnetAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        foreach (var key in startInfo.Environment.Keys.ToList())
        {
            // Set by the SDK for the build that launched the test host; a child build picks its own.
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                startInfo.Environment.Remove(key);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment)
            startInfo.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var overrun = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(overrun.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s:\n{Snapshot(output)}");
        }

        return new ChildProcessResult(process.ExitCode, Snapshot(output));
    }

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
