using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Logging;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// Routes decoded requests to processors by request code and writes their responses.
/// The transport calls <see cref="Dispatch"/> from its event loop; processing happens on executors, except for
/// processors registered to run on the event loop.
/// Benchmarks drive it directly with an in-memory <see cref="IRemotingConnection"/>.
/// </summary>
public sealed class RequestDispatcher
{
    private static readonly Action<Task, object?> LogSendFailure = static (task, state) =>
    {
        var (logger, remote) = ((ILogger, System.Net.EndPoint?))state!;
        RemotingLog.ResponseSendFailed(logger, task.Exception!.GetBaseException(), remote);
    };

    private readonly FrozenDictionary<int, ProcessorRegistration> _table;
    private readonly ProcessorRegistration? _default;
    private readonly IRequestInterceptor? _interceptor;
    private readonly ILogger _logger;
    private long _lastOverloadLogTicks;

    internal RequestDispatcher(IReadOnlyDictionary<int, ProcessorRegistration> table, ProcessorRegistration? defaultRegistration, IRequestInterceptor? interceptor, ILogger logger)
    {
        _table = table.ToFrozenDictionary();
        _default = defaultRegistration;
        _interceptor = interceptor;
        _logger = logger;
    }

    /// <summary>The request codes with a processor of their own (docs/compatibility.md is checked against them).</summary>
    public IEnumerable<int> RegisteredCodes => _table.Keys;

    /// <summary>The registration that handles <paramref name="requestCode"/>, or null if none (not even a default).</summary>
    public ProcessorRegistration? Find(int requestCode) =>
        _table.TryGetValue(requestCode, out var registration) ? registration : _default;

    /// <summary>
    /// Accepts one request. Never throws: the request is queued on its processor's executor, run here for a
    /// processor registered on the event loop, or answered at once (REQUEST_CODE_NOT_SUPPORTED, SYSTEM_BUSY).
    /// </summary>
    public void Dispatch(IRemotingConnection connection, RemotingCommand request)
    {
        var receivedTimestamp = Stopwatch.GetTimestamp();
        var registration = Find(request.Code);
        if (registration is null)
        {
            RemotingLog.RequestCodeNotSupported(_logger, connection.RemoteEndPoint, request.Code);
            Respond(connection, request, RemotingResponses.RequestCodeNotSupported(request.Code));
            return;
        }

        bool reject;
        try
        {
            reject = registration.Processor.RejectRequest();
        }
        catch (Exception exception)
        {
            RemotingLog.ProcessorFailed(_logger, exception, request.Code, connection.RemoteEndPoint);
            Respond(connection, request, RemotingResponses.SystemError(exception));
            return;
        }

        if (reject)
        {
            Respond(connection, request, RemotingResponses.SystemBusy(RemotingResponses.RejectRequestRemark));
            return;
        }

        var item = new RequestWorkItem(this, registration.Processor, connection, request, receivedTimestamp);
        if (registration.Executor is not { } executor)
        {
            Execute(in item);
        }
        else if (!executor.TryEnqueue(in item))
        {
            LogOverload(executor, connection, request);
            Respond(connection, request, RemotingResponses.SystemBusy(RemotingResponses.OverloadRemark));
        }
    }

    /// <summary>Runs on an executor worker (or the event loop); completes synchronously unless the processor's task is pending.</summary>
    internal void Execute(in RequestWorkItem item)
    {
        ValueTask<RemotingCommand?> pending;
        try
        {
            var context = new RemotingRequestContext(item.Connection, item.ReceivedTimestamp);
            if (_interceptor is { } interceptor && interceptor.BeforeProcess(context, item.Request) is { } refused)
            {
                Respond(item.Connection, item.Request, refused);
                return;
            }

            pending = item.Processor.ProcessRequestAsync(context, item.Request, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Fail(item.Connection, item.Request, exception);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Respond(item.Connection, item.Request, pending.Result);
        }
        else
        {
            // A pending processor (long poll, async store write) must not hold a worker while it waits.
            _ = CompleteAsync(pending, item.Connection, item.Request);
        }
    }

    private async Task CompleteAsync(ValueTask<RemotingCommand?> pending, IRemotingConnection connection, RemotingCommand request)
    {
        RemotingCommand? response;
        try
        {
            response = await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(connection, request, exception);
            return;
        }

        Respond(connection, request, response);
    }

    private void Fail(IRemotingConnection connection, RemotingCommand request, Exception exception)
    {
        RemotingLog.ProcessorFailed(_logger, exception, request.Code, connection.RemoteEndPoint);
        Respond(connection, request, RemotingResponses.SystemError(exception));
    }

    /// <summary>Every request ends here exactly once, answered or not.</summary>
    private void Respond(IRemotingConnection connection, RemotingCommand request, RemotingCommand? response)
    {
        try
        {
            Send(connection, request, response);
        }
        finally
        {
            (connection as IRequestCompletionSink)?.OnRequestCompleted();
        }
    }

    private void Send(IRemotingConnection connection, RemotingCommand request, RemotingCommand? response)
    {
        // A oneway request is never answered, not even with an error: the peer is not waiting for it.
        if (response is null || request.IsOneway || !connection.IsActive)
        {
            return;
        }

        response.Opaque = request.Opaque;
        response.MarkResponse();
        response.SerializeType = request.SerializeType;

        ValueTask sent;
        try
        {
            sent = connection.SendAsync(response);
        }
        catch (Exception exception)
        {
            RemotingLog.ResponseSendFailed(_logger, exception, connection.RemoteEndPoint);
            return;
        }

        if (!sent.IsCompletedSuccessfully)
        {
            sent.AsTask().ContinueWith(
                LogSendFailure,
                (_logger, connection.RemoteEndPoint),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private void LogOverload(RequestExecutor executor, IRemotingConnection connection, RemotingCommand request)
    {
        // Under overload every request would log; one line per second says the same.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastOverloadLogTicks);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastOverloadLogTicks, now, last) == last)
        {
            RemotingLog.ExecutorOverloaded(_logger, executor.Name, executor.QueueCapacity, request.Code, connection.RemoteEndPoint);
        }
    }
}
