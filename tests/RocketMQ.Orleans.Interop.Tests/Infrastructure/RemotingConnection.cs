using System.Buffers;
using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// A bare remoting connection built on the protocol library and a TcpClient: one request at a time, JSON headers.
/// For the admin calls ali-ons cannot make (its API has no UPDATE_AND_CREATE_SUBSCRIPTIONGROUP) and for reading
/// broker state (offsets) independently of the client under test.
/// </summary>
public sealed class RemotingConnection : IAsyncDisposable
{
    private const int MaxFrameLength = 16 * 1024 * 1024;

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _buffered;

    private RemotingConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects to "host:port".</summary>
    public static async Task<RemotingConnection> ConnectAsync(string address, TimeSpan timeout)
    {
        int colon = address.LastIndexOf(':');
        string host = address[..colon];
        int port = int.Parse(address[(colon + 1)..]);
        var client = new TcpClient { NoDelay = true };
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new RemotingConnection(client);
    }

    /// <summary>Sends <paramref name="request"/> and returns the response with the same opaque.</summary>
    public async Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _stream.WriteAsync(RemotingCommandCodec.Encode(request), cts.Token);
        while (true)
        {
            var command = await ReadCommandAsync(cts.Token);
            if (command.IsResponse && command.Opaque == request.Opaque)
            {
                return command;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<RemotingCommand> ReadCommandAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_buffer, 0, _buffered);
            var remaining = sequence;
            if (RemotingCommandCodec.TryReadFrame(ref remaining, MaxFrameLength, out var command))
            {
                int consumed = (int)sequence.Slice(0, remaining.Start).Length;
                Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _buffered - consumed);
                _buffered -= consumed;
                return command!;
            }

            if (_buffered == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = await _stream.ReadAsync(_buffer.AsMemory(_buffered), cancellationToken);
            if (read == 0)
            {
                throw new IOException("The broker closed the connection before answering.");
            }

            _buffered += read;
        }
    }
}
