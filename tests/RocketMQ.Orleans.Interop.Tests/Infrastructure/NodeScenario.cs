using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// One tests/interop-js/scenarios script as a child process: the JSON config goes in on stdin, every JSON line it
/// prints is kept (and streamed through <see cref="Reader"/>), and tests await conditions over those lines.
/// A "fatal" or "timeout" line, or an exit before the condition holds, fails the wait with the script's stderr.
/// Disposing kills the process if it still runs.
/// </summary>
public sealed class NodeScenario : IAsyncDisposable
{
    private const int StderrLinesKept = 200;
    private static readonly TimeSpan MinimumRecheckInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly List<JsonObject> _lines = [];
    private readonly Queue<string> _stderr = new();
    private readonly Channel<JsonObject> _channel = Channel.CreateUnbounded<JsonObject>();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private TaskCompletionSource _changed = NewSignal();

    private NodeScenario(string name, Process process)
    {
        Name = name;
        _process = process;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    public string Name { get; }

    /// <summary>Every line so far, in order, as they arrive.</summary>
    public ChannelReader<JsonObject> Reader => _channel.Reader;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes at the next line or at the end of output; the trigger for <see cref="WaitForAllAsync"/>.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>
    /// Starts node on scenarios/<paramref name="script"/> with <paramref name="config"/> on stdin, with
    /// <paramref name="environment"/> added to its environment (e.g. GRPC_DEFAULT_SSL_ROOTS_FILE_PATH, read once by grpc-js).
    /// </summary>
    public static NodeScenario Start(string script, JsonObject config, string? name = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        string path = InteropJsDirectory.Scenario(script);
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropJsDirectory.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(path);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start 'node' ({e.Message}); install Node.js 20.15+. {InteropJsDirectory.InstallHint}", e);
        }

        process.StandardInput.Write(config.ToJsonString());
        process.StandardInput.Close();
        return new NodeScenario(name ?? Path.GetFileNameWithoutExtension(script), process);
    }

    /// <summary>A snapshot of all lines received so far.</summary>
    public IReadOnlyList<JsonObject> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>The lines whose "event" is <paramref name="eventName"/>.</summary>
    public IReadOnlyList<JsonObject> Events(string eventName) =>
        Lines.Where(line => line["event"]?.GetValue<string>() == eventName).ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds over the lines received; returns them.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(Func<IReadOnlyList<JsonObject>, bool> condition, TimeSpan timeout, string description)
    {
        await WaitForAllAsync(() => condition(Lines), timeout, description, this);
        return Lines;
    }

    /// <summary>Waits until at least <paramref name="count"/> lines of <paramref name="eventName"/> arrived.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForEventsAsync(string eventName, int count, TimeSpan timeout)
    {
        await WaitForAsync(lines => lines.Count(l => l["event"]?.GetValue<string>() == eventName) >= count, timeout, $"{count} '{eventName}' line(s)");
        return Events(eventName);
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, re-checking whenever any of <paramref name="scenarios"/> prints
    /// a line. Fails early if one of them reports a fatal error, times out inside, or exits while the condition is false.
    /// </summary>
    public static async Task WaitForAllAsync(Func<bool> condition, TimeSpan timeout, string description, params NodeScenario[] scenarios)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // Take the signals before checking, so a line arriving in between is never missed.
            var signals = scenarios.Select(s => s.Changed).ToArray();
            if (condition())
            {
                return;
            }

            foreach (var scenario in scenarios)
            {
                scenario.ThrowIfFailed(description);
            }

            var remaining = timeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {description}.\n" +
                    string.Join("\n", scenarios.Select(s => s.Diagnostics())));
            }

            // A scenario whose output ended never signals again; re-check at most every second meanwhile.
            var wait = remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
            var checkedAt = deadline.Elapsed;
            await Task.WhenAny(Task.WhenAny(signals), Task.Delay(wait));

            // Conditions scan every line; under a burst of thousands of lines, evaluate them at most ten times a second.
            var sinceCheck = deadline.Elapsed - checkedAt;
            if (sinceCheck < MinimumRecheckInterval)
            {
                await Task.Delay(MinimumRecheckInterval - sinceCheck);
            }
        }
    }

    /// <summary>Waits for the script to end by itself; fails unless it exited with 0.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s.\n{Diagnostics()}");
        }

        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}.\n{Diagnostics()}");
        }

        return Lines;
    }

    /// <summary>SIGTERM (the script closes its ali-ons client, persisting consumer offsets) and waits for the exit.</summary>
    public async Task<IReadOnlyList<JsonObject>> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            UnixSignals.Terminate(_process.Id);
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>The script's name, exit state, last lines and stderr: what a failure message needs.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        text.Append("--- ").Append(Name).Append(_process.HasExited ? $" (exited {_process.ExitCode})" : " (running)").AppendLine(" ---");
        foreach (var line in Lines.TakeLast(15))
        {
            text.AppendLine(Truncate(line.ToJsonString(), 400));
        }

        lock (_stderr)
        {
            if (_stderr.Count > 0)
            {
                text.AppendLine("stderr:");
                foreach (var line in _stderr.TakeLast(40))
                {
                    text.AppendLine(Truncate(line, 400));
                }
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        _process.Dispose();
    }

    private void ThrowIfFailed(string description)
    {
        var failure = Lines.FirstOrDefault(l => l["event"]?.GetValue<string>() is "fatal" or "timeout");
        if (failure is not null)
        {
            throw new InvalidOperationException($"{Name} failed while waiting for {description}: {failure.ToJsonString()}\n{Diagnostics()}");
        }

        if (_stdoutPump.IsCompleted && _process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before {description}.\n{Diagnostics()}");
        }
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } text)
            {
                var line = Parse(text);
                lock (_lines)
                {
                    _lines.Add(line);
                }

                _channel.Writer.TryWrite(line);
                Pulse();
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
            Pulse();
        }
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } text)
        {
            lock (_stderr)
            {
                _stderr.Enqueue(text);
                if (_stderr.Count > StderrLinesKept)
                {
                    _stderr.Dequeue();
                }
            }
        }
    }

    private static JsonObject Parse(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject line)
            {
                return line;
            }
        }
        catch (JsonException)
        {
        }

        // Not a harness line: keep it visible rather than failing the pump.
        return new JsonObject { ["event"] = "raw", ["text"] = text };
    }

    private void Pulse() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
