using System.Buffers.Binary;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// Creates <c>UNIQ_KEY</c> values in Apache <c>MessageClientIDSetter</c> format: IPv4 address (4 bytes),
/// process id (2), a per-process random stand-in for Java's class-loader hash (4), milliseconds since the
/// start of the current local month (4), counter (2) — 16 bytes as 32 upper-case hex characters.
/// </summary>
public static class UniqueKeyGenerator
{
    public const int Length = 32;

    private const int PrefixLength = 10;

    private static readonly byte[] Prefix = CreatePrefix();
    private static int _counter;
    private static MonthWindow _window = MonthWindow.Containing(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static string Create() => string.Create(Length, 0, static (chars, _) => Write(chars));

    /// <summary>Writes a new key into <paramref name="destination"/> (at least <see cref="Length"/> chars): no string of its own.</summary>
    public static void Write(Span<char> destination)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var window = Volatile.Read(ref _window);
        if (now >= window.NextStart)
        {
            window = MonthWindow.Containing(now);
            Volatile.Write(ref _window, window);
        }

        int sinceMonthStart = unchecked((int)(now - window.Start));
        if (sinceMonthStart is < 0 and > -1_000_000)
        {
            // A clock stepped back across the month boundary (NTP): Apache clamps the same way.
            sinceMonthStart = 0;
        }

        Write(destination, Prefix, sinceMonthStart, Interlocked.Increment(ref _counter) - 1);
    }

    /// <summary>The key for explicit parts; <paramref name="prefix"/> is the 10-byte address/pid/hash prefix.</summary>
    internal static string Create(ReadOnlySpan<byte> prefix, int millisSinceMonthStart, int counter)
    {
        Span<char> chars = stackalloc char[Length];
        Write(chars, prefix, millisSinceMonthStart, counter);
        return chars.ToString();
    }

    private static void Write(Span<char> destination, ReadOnlySpan<byte> prefix, int millisSinceMonthStart, int counter)
    {
        Span<byte> key = stackalloc byte[Length / 2];
        prefix[..PrefixLength].CopyTo(key);
        BinaryPrimitives.WriteInt32BigEndian(key[PrefixLength..], millisSinceMonthStart);
        BinaryPrimitives.WriteInt16BigEndian(key[(PrefixLength + 4)..], unchecked((short)counter));
        Convert.TryToHexString(key, destination, out _);
    }

    private static byte[] CreatePrefix()
    {
        var prefix = new byte[PrefixLength];
        WriteLocalIPv4(prefix);
        BinaryPrimitives.WriteInt16BigEndian(prefix.AsSpan(4), unchecked((short)Environment.ProcessId));
        RandomNumberGenerator.Fill(prefix.AsSpan(6, 4));
        return prefix;
    }

    /// <summary>Prefers a public IPv4 address, then a private one, then (as Apache's fake IP) clock bytes.</summary>
    private static void WriteLocalIPv4(Span<byte> dest)
    {
        byte[]? privateAddress = null;
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily != AddressFamily.InterNetwork)
                    {
                        continue;
                    }

                    byte[] bytes = unicast.Address.GetAddressBytes();
                    if (bytes[0] is 127 or 0)
                    {
                        continue;
                    }

                    if (!IsPrivate(bytes))
                    {
                        bytes.CopyTo(dest);
                        return;
                    }

                    privateAddress ??= bytes;
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Interfaces cannot be listed in some sandboxes; fall through to the fake address.
        }
        catch (PlatformNotSupportedException)
        {
        }

        if (privateAddress is not null)
        {
            privateAddress.CopyTo(dest);
            return;
        }

        BinaryPrimitives.WriteInt32BigEndian(dest, unchecked((int)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    private static bool IsPrivate(byte[] ip) =>
        ip[0] == 10 || (ip[0] == 172 && ip[1] is >= 16 and <= 31) || (ip[0] == 192 && ip[1] == 168);

    /// <summary>Start of the local month containing an instant and start of the next one, in Unix milliseconds.</summary>
    private sealed record MonthWindow(long Start, long NextStart)
    {
        public static MonthWindow Containing(long unixMillis)
        {
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMillis), TimeZoneInfo.Local);
            var monthStart = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
            return new MonthWindow(ToUnixMillis(monthStart), ToUnixMillis(monthStart.AddMonths(1)));
        }

        private static long ToUnixMillis(DateTime localTime) =>
            new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localTime, TimeZoneInfo.Local)).ToUnixTimeMilliseconds();
    }
}
