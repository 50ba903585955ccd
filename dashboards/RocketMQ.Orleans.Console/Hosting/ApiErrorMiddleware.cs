using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Remoting;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>
/// Turns a failed API call into a JSON error the pages show ({"error": "..."}) with a status that says whose fault
/// it was: 400 bad input, 404 unknown, 501 not available on this build, 502 a broker refused, 503/504 unreachable.
/// Nothing a browser sends can take the silo down: every exception ends here.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var status = exception switch
            {
                ArgumentException or FormatException or BadHttpRequestException => StatusCodes.Status400BadRequest,
                KeyNotFoundException => StatusCodes.Status404NotFound,
                NotImplementedException or NotSupportedException => StatusCodes.Status501NotImplemented,
                RocketMQClientException => StatusCodes.Status502BadGateway,
                RemotingTimeoutException => StatusCodes.Status504GatewayTimeout,
                RemotingConnectionException or InvalidOperationException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status == StatusCodes.Status500InternalServerError)
            {
                ConsoleLog.RequestCrashed(logger, context.Request.Method, context.Request.Path, exception);
            }
            else
            {
                ConsoleLog.RequestFailed(logger, context.Request.Method, context.Request.Path, exception.Message);
            }

            context.Response.Clear();
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new ApiError(exception.Message), context.RequestAborted).ConfigureAwait(false);
        }
    }
}

/// <summary>The body of every failed API call.</summary>
public sealed record ApiError(string Error);
