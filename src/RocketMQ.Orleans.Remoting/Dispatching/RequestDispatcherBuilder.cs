using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>Collects code → processor registrations; the dispatcher's table is frozen once built.</summary>
public sealed class RequestDispatcherBuilder
{
    private readonly Dictionary<int, ProcessorRegistration> _registrations = [];
    private readonly List<IRequestInterceptor> _interceptors = [];
    private ProcessorRegistration? _default;

    public RequestDispatcherBuilder Register(int requestCode, IRequestProcessor processor, RequestExecutor executor) =>
        Register([requestCode], processor, executor);

    public RequestDispatcherBuilder Register(IEnumerable<int> requestCodes, IRequestProcessor processor, RequestExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        return Add(requestCodes, processor, executor);
    }

    /// <summary>
    /// Runs the processor on the event loop that decoded the request, with no executor in between. Only for
    /// processors whose synchronous part is a few microseconds of CPU and never blocks (anything slower must go
    /// pending, and then continues off the loop): on a busy machine the two thread hand-offs an executor costs
    /// (to a worker, and back to the loop for the response) take longer than such a request's work, and the loop
    /// writes all the responses of one read with one flush.
    /// </summary>
    public RequestDispatcherBuilder RegisterOnEventLoop(IEnumerable<int> requestCodes, IRequestProcessor processor) =>
        Add(requestCodes, processor, executor: null);

    private RequestDispatcherBuilder Add(IEnumerable<int> requestCodes, IRequestProcessor processor, RequestExecutor? executor)
    {
        ArgumentNullException.ThrowIfNull(requestCodes);
        ArgumentNullException.ThrowIfNull(processor);
        var registration = new ProcessorRegistration(processor, executor);
        foreach (var code in requestCodes)
        {
            _registrations[code] = registration;
        }

        return this;
    }

    /// <summary>Handles every code without its own registration (Apache's default processor).</summary>
    public RequestDispatcherBuilder SetDefault(IRequestProcessor processor, RequestExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(executor);
        _default = new ProcessorRegistration(processor, executor);
        return this;
    }

    /// <summary>Runs <paramref name="interceptor"/> before every processor (after those added earlier).</summary>
    public RequestDispatcherBuilder AddInterceptor(IRequestInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        _interceptors.Add(interceptor);
        return this;
    }

    public RequestDispatcher Build(ILoggerFactory? loggerFactory = null) =>
        new(_registrations, _default, BuildInterceptor(), (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RequestDispatcher>());

    private IRequestInterceptor? BuildInterceptor() => _interceptors.Count switch
    {
        0 => null,
        1 => _interceptors[0],
        _ => new CompositeRequestInterceptor([.. _interceptors]),
    };
}
