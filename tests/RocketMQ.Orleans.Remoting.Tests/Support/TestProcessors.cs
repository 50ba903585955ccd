using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Tests.Support;

/// <summary>Answers SUCCESS with the request's ext fields and body; counts calls.</summary>
internal sealed class EchoProcessor : IRequestProcessor
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public IRemotingConnection? LastConnection { get; private set; }

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastConnection = context.Connection;
        var response = RemotingCommand.CreateResponse(ResponseCode.Success, "echo");
        response.ExtFields = request.ExtFields is null ? null : new Dictionary<string, string>(request.ExtFields);
        response.Body = request.Body;
        return ValueTask.FromResult<RemotingCommand?>(response);
    }
}

/// <summary>Answers SUCCESS with a fixed-size body, to fill a reader's buffers.</summary>
internal sealed class BigResponseProcessor(int bodySize) : IRequestProcessor
{
    private readonly byte[] _body = new byte[bodySize];
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.Body = _body;
        return ValueTask.FromResult<RemotingCommand?>(response);
    }
}

internal sealed class ThrowingProcessor : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("boom: processor failed");
}

/// <summary>Fails asynchronously (after yielding), to cover the pending-task path.</summary>
internal sealed class AsyncThrowingProcessor : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new InvalidOperationException("boom later");
    }
}

/// <summary>Never answers (returns null).</summary>
internal sealed class SilentProcessor : IRequestProcessor
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult<RemotingCommand?>(null);
    }
}

/// <summary>Holds its worker thread until released, so an executor can be filled deterministically.</summary>
internal sealed class BlockingProcessor : IRequestProcessor, IDisposable
{
    private readonly ManualResetEventSlim _release = new(false);
    private int _entered;

    public int Entered => Volatile.Read(ref _entered);

    public void Release() => _release.Set();

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _entered);
        _release.Wait(TimeSpan.FromSeconds(30));
        return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(ResponseCode.Success));
    }

    public void Dispose() => _release.Dispose();
}

internal sealed class RejectingProcessor : IRequestProcessor
{
    public bool RejectRequest() => true;

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("must not be called");
}

/// <summary>Answers with whether it ran on a thread-pool thread ("pool") or not ("loop"), and goes pending first when asked.</summary>
internal sealed class ThreadReportingProcessor(bool goPending = false) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        string ranOn = Thread.CurrentThread.IsThreadPoolThread ? "pool" : "loop";
        if (goPending)
        {
            await Task.Yield();
        }

        return RemotingCommand.CreateResponse(ResponseCode.Success, ranOn);
    }
}

/// <summary>Answers SUCCESS only once <see cref="Open"/> is called, so the caller is surely awaiting when the response comes.</summary>
internal sealed class GatedProcessor : IRequestProcessor
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        await _gate.Task;
        return RemotingCommand.CreateResponse(ResponseCode.Success, null);
    }
}
