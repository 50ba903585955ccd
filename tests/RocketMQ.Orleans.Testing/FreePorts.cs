using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Orleans.Testing;

/// <summary>
/// Ports nobody listens on right now, and not handed out by an earlier call of this process either: a test that takes
/// one port here and starts a silo that takes four more must not get the same number twice (the kernel reuses a port
/// as soon as the probing listener closes).
/// </summary>
public static class FreePorts
{
    private const int RememberedPorts = 4096;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Issued = [];
    private static readonly Queue<int> IssuedOrder = new();

    /// <summary>One free port.</summary>
    public static int Next() => Take(1)[0];

    public static int[] Take(int count)
    {
        // Hold every listener until all are chosen, so one call never returns the same port twice; a port issued
        // before stays held too, so the kernel picks another.
        var listeners = new List<TcpListener>(count);
        var ports = new List<int>(count);
        try
        {
            lock (Gate)
            {
                while (ports.Count < count)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    listeners.Add(listener);
                    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (!Issued.Add(port)) continue;
                    IssuedOrder.Enqueue(port);
                    if (IssuedOrder.Count > RememberedPorts) Issued.Remove(IssuedOrder.Dequeue());
                    ports.Add(port);
                }
            }

            return [.. ports];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>True once something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
