using System.Text.Json;
using System.Text.RegularExpressions;

namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>The metric names the Grafana dashboards in dashboards/grafana/*.json query (PromQL expressions and variable queries).</summary>
internal static partial class DashboardFiles
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "dashboards", "grafana");

    public static IReadOnlyList<string> Paths => [.. System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)];

    /// <summary>Every metric name any expression of the file references.</summary>
    public static IReadOnlySet<string> ReferencedMetrics(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var expression in Expressions(document.RootElement))
        {
            foreach (Match match in MetricName().Matches(expression))
            {
                names.Add(match.Value);
            }
        }

        return names;
    }

    /// <summary>"expr" of every target and "query" of every templating variable, wherever they are nested.</summary>
    private static IEnumerable<string> Expressions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "expr" or "query" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }
                else
                {
                    foreach (var nested in Expressions(property.Value))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var nested in Expressions(item))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RocketMQ.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RocketMQ.Orleans.sln not found above " + AppContext.BaseDirectory);
    }

    // Metric names of this project (rocketmq_*) and of the .NET runtime (dotnet_*); label names and PromQL functions never start so.
    [GeneratedRegex(@"\b(?:rocketmq|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
