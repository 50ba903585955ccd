using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Tests.Support;

/// <summary>A bare socket, for peers that misbehave in ways a real client never would.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;

    private RawConnection(Socket socket) => _socket = socket;

    public static async Task<RawConnection> ConnectAsync(IPEndPoint endPoint, int receiveBufferSize = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize > 0)
        {
            socket.ReceiveBufferSize = receiveBufferSize;
        }

        await socket.ConnectAsync(endPoint);
        return new RawConnection(socket);
    }

    public Task SendAsync(byte[] bytes, CancellationToken cancellationToken = default) =>
        _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).AsTask();

    public Task SendAsync(RemotingCommand command, CancellationToken cancellationToken = default) =>
        SendAsync(RemotingCommandCodec.Encode(command), cancellationToken);

    /// <summary>Reads one frame; null if the server closed the connection first.</summary>
    public async Task<RemotingCommand?> ReceiveAsync()
    {
        var prefix = new byte[4];
        if (!await ReadExactlyAsync(prefix))
        {
            return null;
        }

        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        return await ReadExactlyAsync(frame) ? RemotingCommandCodec.Decode(frame) : null;
    }

    /// <summary>True once the server has closed the connection (reads end), draining anything it sent before.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true; // reset by the server
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        var offset = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (offset < buffer.Length)
        {
            var read = await _socket.ReceiveAsync(buffer.AsMemory(offset), SocketFlags.None, cts.Token);
            if (read == 0)
            {
                return false;
            }

            offset += read;
        }

        return true;
    }
}
