using DotNetty.Codecs;
using DotNetty.Common.Concurrency;
using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Logging;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// The last handler of every pipeline (server and client): requests go through the connection's flow control to
/// the dispatcher, responses to the connection's pending table. It also owns the connection's lifecycle: idle close,
/// close on a malformed frame or socket error (that connection only), and slow-reader protection (stop reading
/// while the peer does not drain its responses; close it if it stays so for the configured time).
/// </summary>
internal sealed class RemotingChannelHandler : ChannelHandlerAdapter
{
    private readonly RequestDispatcher _dispatcher;
    private readonly IConnectionEventListener? _listener;
    private readonly ConnectionRegistry? _registry;
    private readonly TimeSpan _slowReaderTimeout;
    private readonly int _maxInFlightRequests;
    private readonly ILogger _logger;
    private NettyConnection? _connection;
    private IScheduledTask? _slowReaderClose;
    private bool _closedRaised;

    public RemotingChannelHandler(
        RequestDispatcher dispatcher,
        IConnectionEventListener? listener,
        ConnectionRegistry? registry,
        TimeSpan slowReaderTimeout,
        int maxInFlightRequests,
        ILogger logger)
    {
        _maxInFlightRequests = maxInFlightRequests;
        _dispatcher = dispatcher;
        _listener = listener;
        _registry = registry;
        _slowReaderTimeout = slowReaderTimeout;
        _logger = logger;
    }

    /// <summary>Available once the handler is in a pipeline (before the channel is active).</summary>
    public NettyConnection Connection => _connection ?? throw new InvalidOperationException("Handler not added to a pipeline yet.");

    public override void HandlerAdded(IChannelHandlerContext context)
    {
        _connection = new NettyConnection(context.Channel, new RequestFlowControl(context.Channel, _dispatcher, _maxInFlightRequests));
        base.HandlerAdded(context);
    }

    public override void ChannelActive(IChannelHandlerContext context)
    {
        var connection = Connection;
        connection.CaptureEndPoints();
        _registry?.Add(connection);
        RemotingLog.ConnectionOpened(_logger, connection.Id, connection.RemoteEndPoint);
        _listener?.OnConnected(connection);
        base.ChannelActive(context);
    }

    public override void ChannelReadComplete(IChannelHandlerContext context)
    {
        ReadBatch.Close();
        base.ChannelReadComplete(context);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        RaiseClosed();
        base.ChannelInactive(context);
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (message is not RemotingCommand command)
        {
            context.FireChannelRead(message);
            return;
        }

        ReadBatch.Open();
        var connection = Connection;
        if (command.IsResponse)
        {
            if (!connection.CompleteResponse(command))
            {
                RemotingLog.UnmatchedResponse(_logger, command.Opaque, connection.RemoteEndPoint);
            }

            return;
        }

        connection.FlowControl.Admit(command);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        if (evt is IdleStateEvent { State: IdleState.AllIdle })
        {
            var connection = Connection;
            RemotingLog.ConnectionIdle(_logger, connection.Id, connection.RemoteEndPoint);
            _listener?.OnIdle(connection);
            _ = context.CloseAsync();
            return;
        }

        base.UserEventTriggered(context, evt);
    }

    public override void ChannelWritabilityChanged(IChannelHandlerContext context)
    {
        var channel = context.Channel;
        if (channel.IsWritable)
        {
            _slowReaderClose?.Cancel();
            _slowReaderClose = null;
            Connection.FlowControl.Resume();
        }
        else
        {
            // The peer does not read what we write: read no more of its requests, so nothing else is
            // produced for it, and give it a bounded time to catch up.
            Connection.FlowControl.Pause();
            RemotingLog.SlowReaderPaused(_logger, Connection.Id, Connection.RemoteEndPoint);
            if (_slowReaderTimeout > TimeSpan.Zero && _slowReaderClose is null)
            {
                _slowReaderClose = context.Executor.Schedule(() => CloseSlowReader(context), _slowReaderTimeout);
            }
        }

        base.ChannelWritabilityChanged(context);
    }

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
    {
        var connection = Connection;
        var cause = exception is DecoderException { InnerException: { } inner } ? inner : exception;
        if (cause is RemotingProtocolException protocolError)
        {
            RemotingLog.ProtocolError(_logger, protocolError.Error, connection.RemoteEndPoint, protocolError.Message);
        }
        else
        {
            RemotingLog.ConnectionFailed(_logger, cause, connection.Id, connection.RemoteEndPoint);
        }

        _listener?.OnException(connection, cause);
        _ = context.CloseAsync();
    }

    private void CloseSlowReader(IChannelHandlerContext context)
    {
        _slowReaderClose = null;
        if (!context.Channel.IsWritable && context.Channel.Active)
        {
            RemotingLog.SlowReaderClosed(_logger, Connection.Id, Connection.RemoteEndPoint, _slowReaderTimeout);
            _ = context.CloseAsync();
        }
    }

    private void RaiseClosed()
    {
        if (_closedRaised)
        {
            return;
        }

        _closedRaised = true;
        _slowReaderClose?.Cancel();
        var connection = Connection;
        connection.OnClosed();
        _registry?.Remove(connection);
        RemotingLog.ConnectionClosed(_logger, connection.Id, connection.RemoteEndPoint);
        _listener?.OnClosed(connection);
    }
}
