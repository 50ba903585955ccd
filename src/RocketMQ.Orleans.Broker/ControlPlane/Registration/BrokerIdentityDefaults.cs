using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace RocketMQ.Orleans.Broker.ControlPlane.Registration;

/// <summary>Fills in what <see cref="BrokerIdentityOptions"/> leaves open from the silo and the machine.</summary>
internal sealed class BrokerIdentityDefaults(ILocalSiloDetails localSilo) : IPostConfigureOptions<BrokerIdentityOptions>
{
    public void PostConfigure(string? name, BrokerIdentityOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BrokerName))
        {
            var endpoint = localSilo.SiloAddress.Endpoint;
            options.BrokerName = string.Create(CultureInfo.InvariantCulture, $"broker-{endpoint.Address}-{endpoint.Port}");
        }

        if (string.IsNullOrWhiteSpace(options.BrokerIP1))
        {
            options.BrokerIP1 = FindFirstNonLoopbackIPv4()?.ToString() ?? IPAddress.Loopback.ToString();
        }
    }

    internal static IPAddress? FindFirstNonLoopbackIPv4()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address)
                .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }
}
