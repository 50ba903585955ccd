using System.Reflection;

namespace RocketMQ.Orleans.Packaging.Tests.Infrastructure;

/// <summary>Where this repository is and which configuration the tests (and so the packed projects) were built in.</summary>
public static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string Solution => Path.Combine(Root, "RocketMQ.Orleans.sln");

    public static string Samples => Path.Combine(Root, "samples");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no '{key}' metadata (see the .csproj).");
}
