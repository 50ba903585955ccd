using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Orleans.Testing;

/// <summary>Ports nobody listens on right now, all distinct within one call.</summary>
public static class FreePorts
{
    /// <summary>One free port.</summary>
    public static int Next() => Take(1)[0];

    public static int[] Take(int count)
    {
        // Hold every listener until all are chosen, so one call never returns the same port twice.
        var listeners = new List<TcpListener>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
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
