using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace RocketMQ.Orleans.Silo.Tests;

/// <summary>Runs the built silo executable as a child process and watches its console output.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private SiloProcess(Process process, int nameServerPort)
    {
        _process = process;
        NameServerPort = nameServerPort;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join(Environment.NewLine, _lines);

    public int ExitCode => _process.ExitCode;

    public int Pid => _process.Id;

    public int NameServerPort { get; }

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string dataPath)
    {
        var siloDll = LocateSiloDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(siloDll);
        info.ArgumentList.Add($"--RocketMQ:Store:DataPath={dataPath}");
        info.ArgumentList.Add($"--Silo:SiloPort={FreePorts.Next()}");
        info.ArgumentList.Add($"--Silo:GatewayPort={FreePorts.Next()}");
        int nameServerPort = FreePorts.Next();
        info.ArgumentList.Add($"--RocketMQ:Remoting:NameServerPort={nameServerPort}");
        info.ArgumentList.Add($"--RocketMQ:Remoting:ListenPort={FreePorts.Next()}");
        info.ArgumentList.Add("--RocketMQ:Remoting:EnableVipChannel=false");
        info.ArgumentList.Add("--RocketMQ:Console:Port=0"); // several silos may run at once: never contend for 8080
        info.ArgumentList.Add("--RocketMQ:Grpc:Port=0"); // nor for the gRPC endpoint's 8081
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), nameServerPort);
    }

    /// <summary>Waits until a console line contains <paramref name="text"/>; fails with the whole output otherwise.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(cts.Token);
                    if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                    {
                        return;
                    }

                    throw new InvalidOperationException($"The silo exited with {_process.ExitCode} before printing '{text}'.\n{Output}");
                }

                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not print '{text}' within {timeout}.\n{Output}");
        }
    }

    /// <summary>
    /// Sends SIGINT, as Ctrl-C in a terminal does. A test run started in the background by a non-interactive shell
    /// inherits SIGINT as ignored, and so does the silo (.NET leaves an inherited "ignore" alone, as a background job
    /// must): then it sends SIGTERM, the other signal the host shuts down cleanly on.
    /// </summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", [SigIntIgnoredHere() ? "-TERM" : "-INT", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>Whether this process ignores SIGINT (bit 1 of the SigIgn mask in /proc/self/status).</summary>
    private static bool SigIntIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }

    /// <summary>Waits for the process to exit; fails with the whole output otherwise (what it was doing when it hung).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {timeout}.\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        _lineArrived.Release();
    }

    private static string LocateSiloDll()
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BuildConfiguration").Value!;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RocketMQ.Orleans.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("Repository root (RocketMQ.Orleans.sln) not found above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(dir.FullName, "silo", "bin", configuration, "net10.0", "RocketMQ.Orleans.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the silo first", dll);
    }
}
