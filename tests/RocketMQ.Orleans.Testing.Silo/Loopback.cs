namespace RocketMQ.Orleans.Testing.Silo;

/// <summary>The address test silos bind and advertise.</summary>
public static class Loopback
{
    public const string IP = "127.0.0.1";
}
