namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>One address or a list of them (Apache's One- and MultipleRemoteAddressStrategy).</summary>
internal sealed class AddressSetPattern(byte[][] addresses) : RemoteAddressPattern
{
    public override bool Matches(ReadOnlySpan<byte> address)
    {
        foreach (var candidate in addresses)
        {
            if (address.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
