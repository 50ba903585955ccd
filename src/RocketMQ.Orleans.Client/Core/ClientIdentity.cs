using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RocketMQ.Orleans.Client.Core;

/// <summary>Builds the client id brokers group connections by: "ip@instance" (Apache <c>buildMQClientId</c>).</summary>
internal static class ClientIdentity
{
    public static string Create(RocketMQClientOptions options)
    {
        string ip = string.IsNullOrEmpty(options.ClientIp) ? LocalIPv4() : options.ClientIp;
        string instance = options.InstanceName == "DEFAULT"
            ? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : options.InstanceName;
        return ip + "@" + instance;
    }

    /// <summary>A site-local IPv4 address if one is up, else any non-loopback one, else loopback.</summary>
    public static string LocalIPv4()
    {
        IPAddress? fallback = null;
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
                    var address = unicast.Address;
                    if (address.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(address))
                    {
                        continue;
                    }

                    fallback ??= address;
                    byte first = address.GetAddressBytes()[0];
                    if (first is 10 or 172 or 192)
                    {
                        return address.ToString();
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Interface enumeration is not available everywhere (containers); loopback still identifies the process.
        }

        return (fallback ?? IPAddress.Loopback).ToString();
    }
}
