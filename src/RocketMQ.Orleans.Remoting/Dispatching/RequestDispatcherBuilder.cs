using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>Collects code → processor registrations; the dispatcher's table is frozen once built.</summary>
public sealed class RequestDispatcherBuilder
{
    private readonly Dictionary<int, ProcessorRegistration> _registrations = [];
    private ProcessorRegistration? _default;

    public RequestDispatcherBuilder Register(int requestCode, IRequestProcessor processor, RequestExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(executor);
        _registrations[requestCode] = new ProcessorRegistration(processor, executor);
        return this;
    }

    public RequestDispatcherBuilder Register(IEnumerable<int> requestCodes, IRequestProcessor processor, RequestExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(requestCodes);
        foreach (var code in requestCodes)
        {
            Register(code, processor, executor);
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

    public RequestDispatcher Build(ILoggerFactory? loggerFactory = null) =>
        new(_registrations, _default, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RequestDispatcher>());
}
