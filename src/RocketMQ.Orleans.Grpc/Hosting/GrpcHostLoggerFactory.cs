using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>
/// The silo's loggers for the endpoint's web host, without ASP.NET Core's per-request hosting diagnostics: while that
/// category is enabled at any level, Kestrel starts an <see cref="System.Diagnostics.Activity"/> for every request (a
/// measurable share of a small SendMessage), and this endpoint logs nothing per request anyway.
/// </summary>
internal sealed class GrpcHostLoggerFactory(ILoggerFactory silo) : ILoggerFactory
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostingDiagnostics ? NullLogger.Instance : silo.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => silo.AddProvider(provider);

    // The silo owns its logger factory.
    public void Dispose()
    {
    }
}
