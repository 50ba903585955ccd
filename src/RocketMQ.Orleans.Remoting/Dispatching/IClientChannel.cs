using System.Net;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// A connected client as the broker's producer and consumer tables hold it, whatever protocol it speaks: a remoting
/// connection, or a RocketMQ 5 client's gRPC Telemetry stream (as Apache's proxy puts its gRPC channels in the same
/// tables, so admin tools list both).
/// </summary>
public interface IClientChannel
{
    EndPoint? RemoteEndPoint { get; }

    /// <summary>False once the channel is closed or closing.</summary>
    bool IsActive { get; }

    /// <summary>Closes the channel (a client whose heartbeats stopped).</summary>
    void Close();
}
