namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>A fresh directory under the temp directory for one benchmark's stores, deleted in its cleanup.</summary>
internal sealed class BenchmarkDirectory(string prefix)
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    /// <summary>A store's data path below <see cref="Root"/>.</summary>
    public string Sub(string name) => Path.Combine(Root, name);

    public void Delete() => Directory.Delete(Root, recursive: true);
}
