using System.Net;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Remoting;

/// <summary>Rejects settings the server cannot start with, naming each one.</summary>
public sealed class RemotingServerOptionsValidator : IValidateOptions<RemotingServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RemotingServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckPort(failures, nameof(options.ListenPort), options.ListenPort);
        CheckPort(failures, nameof(options.NameServerPort), options.NameServerPort);
        if (options.EnableVipChannel && options.ListenPort is > 0 and < 3)
        {
            failures.Add($"{nameof(options.ListenPort)} must be at least 3 when {nameof(options.EnableVipChannel)} is on (VIP port = listen port - 2).");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"{nameof(options.BindAddress)} '{options.BindAddress}' is not an IP address.");
        }

        CheckPositive(failures, nameof(options.ServerWorkerThreads), options.ServerWorkerThreads);
        CheckPositive(failures, nameof(options.ServerWorkerQueueCapacity), options.ServerWorkerQueueCapacity);
        CheckPositive(failures, nameof(options.ServerSelectorThreads), options.ServerSelectorThreads);
        CheckPositive(failures, nameof(options.ServerSocketBacklog), options.ServerSocketBacklog);
        CheckPositive(failures, nameof(options.WriteBufferHighWaterMark), options.WriteBufferHighWaterMark);
        CheckPositive(failures, nameof(options.MaxInFlightRequestsPerConnection), options.MaxInFlightRequestsPerConnection);
        CheckNotNegative(failures, nameof(options.ChannelMaxIdleTimeSeconds), options.ChannelMaxIdleTimeSeconds);
        CheckNotNegative(failures, nameof(options.ServerSocketSndBufSize), options.ServerSocketSndBufSize);
        CheckNotNegative(failures, nameof(options.ServerSocketRcvBufSize), options.ServerSocketRcvBufSize);
        CheckNotNegative(failures, nameof(options.SlowReaderTimeoutSeconds), options.SlowReaderTimeoutSeconds);
        if (options.MaxFrameLength < 1024)
        {
            failures.Add($"{nameof(options.MaxFrameLength)} must be at least 1024 bytes.");
        }

        if (options.MaxHeaderLength < 1024 || options.MaxHeaderLength > options.MaxFrameLength)
        {
            failures.Add($"{nameof(options.MaxHeaderLength)} must be at least 1024 bytes and at most {nameof(options.MaxFrameLength)}.");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.ShutdownTimeout)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every invalid setting.</summary>
    public static void ThrowIfInvalid(RemotingServerOptions options)
    {
        var result = new RemotingServerOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RemotingServerOptions), result.Failures);
        }
    }

    private static void CheckPort(List<string> failures, string name, int port)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            failures.Add($"{name} must be between 0 and {IPEndPoint.MaxPort}.");
        }
    }

    private static void CheckPositive(List<string> failures, string name, int value)
    {
        if (value <= 0)
        {
            failures.Add($"{name} must be positive.");
        }
    }

    private static void CheckNotNegative(List<string> failures, string name, int value)
    {
        if (value < 0)
        {
            failures.Add($"{name} must not be negative.");
        }
    }
}
