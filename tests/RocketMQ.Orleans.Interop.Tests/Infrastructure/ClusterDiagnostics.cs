using System.Text;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>The output of a Redis-clustered set of silo processes and of their Redis, for failure messages.</summary>
internal static class ClusterDiagnostics
{
    public static string Describe(IEnumerable<(string Label, SiloFixture? Silo)> silos, RedisServer redis)
    {
        var text = new StringBuilder();
        foreach (var (label, silo) in silos)
        {
            if (silo is null) continue;
            text.AppendLine($"--- {label} (name server {silo.NameServerAddress}, broker {silo.BrokerAddress}, running: {silo.IsRunning}) ---");
            text.AppendLine(silo.Output);
        }

        text.AppendLine($"--- redis-server {redis.ConnectionString} ---").AppendLine(redis.Output);
        return text.ToString();
    }
}
