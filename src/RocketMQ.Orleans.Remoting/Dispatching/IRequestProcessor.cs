using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>Handles the requests of one or more request codes.</summary>
public interface IRequestProcessor
{
    /// <summary>
    /// Processes a request. Runs on the processor's executor, or on the network event loop when it was registered
    /// there (then its synchronous part must never block).
    /// The returned task may stay pending (e.g. a long-polling pull); it does not hold an executor worker meanwhile.
    /// Return null to send no response. The dispatcher sets opaque, response flag and serialize type.
    /// </summary>
    ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken);

    /// <summary>True to refuse new requests for now (back-pressure); the peer gets SYSTEM_BUSY.</summary>
    bool RejectRequest() => false;
}
