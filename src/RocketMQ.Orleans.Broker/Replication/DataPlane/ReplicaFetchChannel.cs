using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Broker.Replication.DataPlane;

/// <summary>
/// A follower's connection to its leader: remoting frames, one request at a time, over a socket that only the
/// follower's copy thread uses, with blocking calls. When the leader's answer arrives the kernel wakes that thread
/// and nothing else. Through the remoting client the same answer woke the socket engine's thread, then a thread-pool
/// worker, then the client's event loop: on a machine whose cores the leader, the follower and the clients share,
/// each of those wake-ups waits for a core, on the path every Sync acknowledgement takes.
/// </summary>
/// <remarks>
/// Any failure closes the socket (after a timeout the stream's position is unknown); the next call connects anew.
/// <see cref="Dispose"/> may come from another thread: it unblocks a call in progress, which then throws.
/// </remarks>
internal sealed class ReplicaFetchChannel : IDisposable
{
    private readonly EndPoint endPoint;
    private readonly int timeoutMillis;
    private readonly int maxFrameLength;
    private readonly ArrayBufferWriter<byte> output = new(512);
    private readonly Lock socketGate = new();
    private byte[] input = new byte[64 * 1024];
    private Socket? socket;
    private int nextOpaque;
    private bool disposed;

    public ReplicaFetchChannel(string address, TimeSpan timeout, int maxFrameLength = RemotingCommandCodec.DefaultMaxFrameLength)
    {
        endPoint = RemotingClient.ParseAddress(address);
        timeoutMillis = (int)timeout.TotalMilliseconds;
        this.maxFrameLength = maxFrameLength;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and blocks until its answer (or the timeout). The answer's body lies in this
    /// channel's buffer: it stays valid until the next call.
    /// </summary>
    public RemotingCommand Invoke(RemotingCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connected = socket ?? Connect();
        try
        {
            request.Opaque = ++nextOpaque;
            output.ResetWrittenCount();
            RemotingCommandCodec.Encode(request, output);
            for (var pending = output.WrittenSpan; !pending.IsEmpty;)
                pending = pending[connected.Send(pending)..];

            ReceiveExactly(connected, input.AsSpan(0, RemotingCommandCodec.LengthPrefixSize));
            int length = BinaryPrimitives.ReadInt32BigEndian(input);
            RemotingCommandCodec.CheckFrameLength(length, maxFrameLength);
            if (input.Length < length)
                input = new byte[Math.Max(length, input.Length * 2)];
            ReceiveExactly(connected, input.AsSpan(0, length));
            var response = RemotingCommandCodec.DecodeSharingBody(input.AsMemory(0, length));
            if (!response.IsResponse || response.Opaque != request.Opaque)
                throw new IOException($"Expected the answer to request {request.Opaque}, got {(response.IsResponse ? "the answer to " : "request ")}{response.Opaque}.");
            return response;
        }
        catch
        {
            Close(connected);
            throw;
        }
    }

    private static void ReceiveExactly(Socket socket, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int received = socket.Receive(destination);
            if (received == 0)
                throw new SocketException((int)SocketError.ConnectionReset);
            destination = destination[received..];
        }
    }

    // A synchronous connect keeps the socket in blocking mode (an asynchronous one would leave it non-blocking, and
    // blocking calls on it would then wait on the socket engine's thread). Its timeout is a timer that closes it.
    private Socket Connect()
    {
        var created = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = timeoutMillis,
            SendTimeout = timeoutMillis,
        };
        lock (socketGate)
        {
            if (disposed)
            {
                created.Dispose();
                throw new ObjectDisposedException(nameof(ReplicaFetchChannel));
            }
            socket = created;
        }
        try
        {
            using var deadline = new Timer(static state => { if (state is Socket { Connected: false } s) s.Dispose(); }, created, timeoutMillis, Timeout.Infinite);
            if (endPoint is DnsEndPoint dns)
                created.Connect(dns.Host, dns.Port);
            else
                created.Connect(endPoint);
            return created;
        }
        catch
        {
            Close(created);
            throw;
        }
    }

    private void Close(Socket closing)
    {
        lock (socketGate)
        {
            if (ReferenceEquals(socket, closing)) socket = null;
        }
        closing.Dispose();
    }

    public void Dispose()
    {
        Socket? open;
        lock (socketGate)
        {
            disposed = true;
            open = socket;
            socket = null;
        }
        open?.Dispose();
    }
}
