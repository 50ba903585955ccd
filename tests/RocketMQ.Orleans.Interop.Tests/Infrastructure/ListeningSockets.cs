using System.Globalization;
using System.Net;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>The local addresses a TCP port is listening on, read from Linux's /proc/net/tcp and tcp6.</summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static IReadOnlyList<IPAddress> AddressesListeningOn(int port)
    {
        var addresses = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // "  sl  local_address rem_address   st ..." then rows like "0: 0100007F:2B67 00000000:0000 0A ...".
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == ListenState && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    addresses.Add(ParseAddress(local[0]));
                }
            }
        }

        return addresses;
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) byte order.
    private static IPAddress ParseAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (int word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
