using System.Collections.Concurrent;
using System.Diagnostics;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// One silo executable as a child process, on its own data directory and ports, ready once its name-server and
/// broker ports accept TCP. <see cref="KillAsync"/> is kill -9; <see cref="RestartAsync"/> starts it again on the same
/// data directory and ports. (Process handling follows tests/RocketMQ.Orleans.Silo.Tests/SiloProcess.cs.)
/// </summary>
public sealed class SiloFixture : IAsyncDisposable
{
    private const int OutputLinesKept = 300;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly IReadOnlyList<KeyValuePair<string, string>> _extraSettings;
    private Process? _process;
    private int _generation;

    private SiloFixture(string dataPath, SiloPorts ports, IReadOnlyList<KeyValuePair<string, string>> extraSettings)
    {
        DataPath = dataPath;
        Ports = ports;
        _extraSettings = extraSettings;
    }

    public string DataPath { get; }

    public SiloPorts Ports { get; }

    /// <summary>What ali-ons gets as <c>nameSrv</c>.</summary>
    public string NameServerAddress => $"127.0.0.1:{Ports.NameServerPort}";

    /// <summary>The broker port, for requests sent to the broker directly.</summary>
    public string BrokerAddress => $"127.0.0.1:{Ports.ListenPort}";

    /// <summary>The last lines the silo printed (all generations), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts a silo on a fresh temporary data directory and free ports (or <paramref name="ports"/>).
    /// <paramref name="extraSettings"/> are passed as further <c>--Key=value</c> flags, e.g. clustering for scale-out.
    /// </summary>
    public static async Task<SiloFixture> StartAsync(IEnumerable<KeyValuePair<string, string>>? extraSettings = null, SiloPorts? ports = null)
    {
        string dataPath = Path.Combine(Path.GetTempPath(), "rocketmq-orleans-wire-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataPath);
        var fixture = new SiloFixture(dataPath, ports ?? SiloPorts.Allocate(), extraSettings?.ToArray() ?? []);
        try
        {
            await fixture.LaunchAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The silo is not running.");
        if (!process.HasExited)
        {
            // Process.Kill sends SIGKILL on Unix.
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
        Note($"[harness] silo generation {_generation} killed (exit code {process.ExitCode})");
    }

    /// <summary>The running generation's process id (for signals).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The silo is not running.");

    /// <summary>Deletes everything under the data directory of a stopped silo (a lost disk).</summary>
    public void WipeData()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Kill the silo before wiping its data.");
        }

        Directory.Delete(DataPath, recursive: true);
        Directory.CreateDirectory(DataPath);
        Note($"[harness] data directory {DataPath} wiped");
    }

    /// <summary>Starts the silo again with the same data directory and ports.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Kill the silo before restarting it.");
        }

        _process?.Dispose();
        _process = null;
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            _process = null;
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test run over it is not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task LaunchAsync()
    {
        _generation++;
        string dll = SiloExecutable.Locate();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in Settings())
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        Note($"[harness] starting silo generation {_generation}: dotnet {string.Join(' ', info.ArgumentList)}");

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await WaitUntilListeningAsync(process);
    }

    private IEnumerable<(string Key, string Value)> Settings()
    {
        yield return (SiloSettings.DataPath, DataPath);
        yield return (SiloSettings.FlushDiskType, "AsyncFlush");
        yield return (SiloSettings.NameServerPort, Ports.NameServerPort.ToString());
        yield return (SiloSettings.ListenPort, Ports.ListenPort.ToString());
        yield return (SiloSettings.EnableVipChannel, "false");
        yield return (SiloSettings.ConsolePort, "0");
        yield return (SiloSettings.GrpcPort, "0");
        yield return (SiloSettings.BrokerIP, "127.0.0.1");
        yield return (SiloSettings.SiloPort, Ports.SiloPort.ToString());
        yield return (SiloSettings.GatewayPort, Ports.GatewayPort.ToString());
        foreach (var (key, value) in _extraSettings)
        {
            yield return (key, value);
        }
    }

    private async Task WaitUntilListeningAsync(Process process)
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        try
        {
            foreach (int port in new[] { Ports.NameServerPort, Ports.ListenPort })
            {
                while (!await FreePorts.AcceptsConnectionsAsync(port, cts.Token))
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException(
                            $"The silo exited with {process.ExitCode} before listening on port {port}.\n{Output}");
                    }

                    await Task.Delay(100, cts.Token);
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The silo did not listen on name-server port {Ports.NameServerPort} and broker port {Ports.ListenPort} " +
                $"within {StartTimeout.TotalSeconds} s (settings {SiloSettings.NameServerPort}, {SiloSettings.ListenPort}).\n{Output}");
        }
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }
}
