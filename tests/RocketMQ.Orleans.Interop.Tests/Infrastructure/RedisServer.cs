using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// A throw-away redis-server child process for Orleans' Redis clustering and grain storage: loopback only, a free
/// port, no persistence, its own temporary directory; ready once it answers PING. Disposing kills it.
/// A missing redis-server fails with the install hint, never a skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string InstallHint = "Run scripts/install-test-deps.sh from the repository root (it installs Debian's redis-server).";

    private const int OutputLinesKept = 100;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>What StackExchange.Redis takes as its configuration string (Silo:ConnectionString).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The last lines the server printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<RedisServer> StartAsync()
    {
        int port = FreePorts.Take(1)[0];
        string directory = Path.Combine(Path.GetTempPath(), "rocketmq-orleans-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);

        var info = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Everything on the command line, no config file: nothing of the machine's /etc/redis applies.
        foreach (string argument in new[]
        {
            "--port", port.ToString(), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--save", "", "--appendonly", "no", "--dir", directory, "--daemonize", "no", "--logfile", "",
        })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (Win32Exception e)
        {
            TryDelete(directory);
            throw new InvalidOperationException($"Cannot start 'redis-server' ({e.Message}). {InstallHint}", e);
        }

        var server = new RedisServer(process, port, directory);
        process.OutputDataReceived += (_, e) => server.Note(e.Data);
        process.ErrorDataReceived += (_, e) => server.Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitForPongAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The keys matching <paramref name="pattern"/> (KEYS over raw RESP): lets a test see that the silos keep their
    /// membership and grain state here rather than somewhere else.
    /// </summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string pattern = "*")
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, cts.Token);
        var stream = client.GetStream();
        string request = $"*2\r\n$4\r\nKEYS\r\n${Encoding.UTF8.GetByteCount(pattern)}\r\n{pattern}\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), cts.Token);

        // Keys are text without line breaks here, so the bulk strings can be read line by line.
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string header = await reader.ReadLineAsync(cts.Token) ?? string.Empty;
        if (!header.StartsWith('*'))
        {
            throw new InvalidOperationException($"KEYS {pattern} answered '{header}'.");
        }

        var keys = new List<string>();
        for (int count = int.Parse(header[1..]); keys.Count < count;)
        {
            await reader.ReadLineAsync(cts.Token); // $<length>
            keys.Add(await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("KEYS reply ended early."));
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        TryDelete(_directory);
    }

    private async Task WaitForPongAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        try
        {
            while (!await AnswersPingAsync(cts.Token))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}.\n{Output}");
                }

                await Task.Delay(50, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s.\n{Output}");
        }
    }

    /// <summary>One inline PING over raw TCP; true when the reply is "+PONG".</summary>
    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Ping, cancellationToken);
            var reply = new byte[64];
            int read = await stream.ReadAsync(reply, cancellationToken);

            // "-LOADING ..." or a closed connection: not ready yet.
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
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

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
