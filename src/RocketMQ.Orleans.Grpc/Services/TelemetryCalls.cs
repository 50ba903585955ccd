using System.Collections.Concurrent;
using Apache.Rocketmq.V2;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// Server commands that expect the client's answer on its Telemetry stream (thread stack, verify-message result),
/// matched by nonce. An entry lives from <see cref="Start"/> until its answer or its caller's timeout, whichever
/// comes first, so the table holds at most the admin calls in flight.
/// </summary>
internal sealed class TelemetryCalls
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TelemetryCommand>> _pending = new(StringComparer.Ordinal);

    /// <summary>A fresh nonce and the task its answer completes; <see cref="Forget"/> it when no longer awaited.</summary>
    public (string Nonce, Task<TelemetryCommand> Answer) Start()
    {
        var nonce = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<TelemetryCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[nonce] = answer;
        return (nonce, answer.Task);
    }

    public void Forget(string nonce) => _pending.TryRemove(nonce, out _);

    /// <summary>
    /// Completes the call an answer names. Apache's clients answer in <c>ThreadStackTrace</c> or
    /// <c>VerifyMessageResult</c>; the Node.js client answers a verify request by echoing a <c>VerifyMessageCommand</c>
    /// with the nonce and NOT_IMPLEMENTED, which is taken as its answer too. False when no call awaits the nonce.
    /// </summary>
    public bool TryComplete(TelemetryCommand command)
    {
        var nonce = command.CommandCase switch
        {
            TelemetryCommand.CommandOneofCase.ThreadStackTrace => command.ThreadStackTrace.Nonce,
            TelemetryCommand.CommandOneofCase.VerifyMessageResult => command.VerifyMessageResult.Nonce,
            TelemetryCommand.CommandOneofCase.VerifyMessageCommand => command.VerifyMessageCommand.Nonce,
            _ => null,
        };
        return nonce is not null && _pending.TryRemove(nonce, out var answer) && answer.TrySetResult(command);
    }
}
