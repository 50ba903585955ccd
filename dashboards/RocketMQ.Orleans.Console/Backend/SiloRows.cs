namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The silos table of the cluster page. Orleans keeps a membership row for every incarnation of a silo, so a silo
/// restarted five times leaves five Dead rows behind its live one; an operator wants the silos that are there now,
/// with the dead incarnations folded per endpoint (how many, and when the last one was seen).
/// </summary>
public static class SiloRows
{
    public static SiloTable Fold(IEnumerable<SiloRow> members)
    {
        var current = new List<SiloModel>();
        var past = new Dictionary<string, (int Count, SiloRow Latest)>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.Status != SiloStatus.Dead)
            {
                current.Add(new SiloModel(member.Address.ToString(), member.Name, member.Status.ToString(), member.IsLocal));
                continue;
            }

            // SiloAddress.ToString() carries the generation ("S127.0.0.1:11111:123"); the endpoint groups incarnations.
            var endpoint = member.Address.Endpoint.ToString();
            past[endpoint] = past.TryGetValue(endpoint, out var seen)
                ? (seen.Count + 1, member.Address.Generation > seen.Latest.Address.Generation ? member : seen.Latest)
                : (1, member);
        }

        return new SiloTable(
            current.OrderBy(silo => silo.Address, StringComparer.Ordinal).ToList(),
            past.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => new PastSiloModel(entry.Key, entry.Value.Latest.Name, entry.Value.Count, entry.Value.Latest.Address.ToString()))
                .ToList());
    }
}

/// <summary>One membership entry as the cluster page needs it.</summary>
public sealed record SiloRow(SiloAddress Address, string? Name, SiloStatus Status, bool IsLocal);

/// <summary>Silos that are there now (any status but Dead), and dead incarnations folded per endpoint.</summary>
public sealed record SiloTable(IReadOnlyList<SiloModel> Current, IReadOnlyList<PastSiloModel> Past);

/// <summary>Dead incarnations of one silo endpoint: how many, and the newest one's full address.</summary>
public sealed record PastSiloModel(string Endpoint, string? Name, int Incarnations, string LatestAddress);
