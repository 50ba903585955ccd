using System.Net.Sockets;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>Creates the listening socket for a server port.</summary>
internal static class ListenSocket
{
    private const int LinuxSolSocket = 1;
    private const int LinuxSoReuseAddr = 2;

    /// <summary>
    /// A restarted broker (after kill -9 as much as after a clean stop) must rebind its port while old connections
    /// sit in TIME_WAIT, which needs SO_REUSEADDR. .NET's <see cref="SocketOptionName.ReuseAddress"/> also sets
    /// SO_REUSEPORT on Linux, which would let a second process bind the same port and silently take half the
    /// connections; so only the raw SO_REUSEADDR is set.
    /// </summary>
    public static Socket Create(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        if (family == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
        }

        return socket;
    }
}
