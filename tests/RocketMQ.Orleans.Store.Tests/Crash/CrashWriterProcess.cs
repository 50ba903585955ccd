using System.Diagnostics;
using System.Reflection;

namespace RocketMQ.Orleans.Store.Tests.Crash;

/// <summary>Starts the CrashWriter console app (built alongside the tests) and collects the keys it acknowledged.</summary>
internal sealed class CrashWriterProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> acknowledged = [];
    private readonly List<string> failures = [];
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task reader;
    private readonly object gate = new();
    private readonly System.Text.StringBuilder stderr = new();

    private CrashWriterProcess(Process process)
    {
        this.process = process;
        reader = Task.Run(ReadStdoutAsync);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
    }

    public static string WriterPath
    {
        get
        {
            var path = typeof(CrashWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "CrashWriterPath").Value!;
            path = Path.GetFullPath(path);
            Assert.True(File.Exists(path), $"CrashWriter build output not found at {path}");
            return path;
        }
    }

    public static CrashWriterProcess Start(string dataDir, FlushDiskType flush, int? commitIntervalMs = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WriterPath);
        info.ArgumentList.Add(dataDir);
        info.ArgumentList.Add(flush.ToString());
        if (commitIntervalMs is { } interval)
        {
            info.ArgumentList.Add("8");
            info.ArgumentList.Add("4");
            info.ArgumentList.Add(interval.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return new CrashWriterProcess(Process.Start(info)!);
    }

    public int AcknowledgedCount { get { lock (gate) return acknowledged.Count; } }

    public string StandardError { get { lock (stderr) return stderr.ToString(); } }

    public Task Ready => ready.Task;

    /// <summary>SIGKILL, then the acknowledgements printed before death (complete lines only).</summary>
    public async Task<(IReadOnlyList<string> Acked, IReadOnlyList<string> Failed)> KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await reader;
        lock (gate) return ([.. acknowledged], [.. failures]);
    }

    private async Task ReadStdoutAsync()
    {
        var output = process.StandardOutput;
        while (await output.ReadLineAsync() is { } line)
        {
            // A line cut by the kill lacks its ';' terminator and is ignored.
            if (!line.EndsWith(';')) continue;
            var text = line[..^1];
            if (text == "READY") ready.TrySetResult();
            else if (text.StartsWith("ACK ", StringComparison.Ordinal)) lock (gate) acknowledged.Add(text[4..]);
            else if (text.StartsWith("FAIL ", StringComparison.Ordinal)) lock (gate) failures.Add(text[5..]);
        }
        ready.TrySetException(new InvalidOperationException("CrashWriter exited before it was ready: " + StandardError));
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
