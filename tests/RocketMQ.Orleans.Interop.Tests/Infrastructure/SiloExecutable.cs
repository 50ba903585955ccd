using System.Reflection;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// Finds the built silo (silo/bin/&lt;Configuration&gt;/net10.0/RocketMQ.Orleans.Silo.dll), in the configuration this test
/// assembly was built in. ROCKETMQ_SILO_DLL overrides the path.
/// </summary>
public static class SiloExecutable
{
    public const string OverrideVariable = "ROCKETMQ_SILO_DLL";

    public static string Locate()
    {
        string? overridden = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden)
                ? overridden
                : throw new FileNotFoundException($"{OverrideVariable} points to a missing file", overridden);
        }

        string configuration = typeof(SiloExecutable).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RocketMQ.Orleans.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Repository root (RocketMQ.Orleans.sln) not found above " + AppContext.BaseDirectory);
        }

        string dll = Path.Combine(root.FullName, "silo", "bin", configuration, "net10.0", "RocketMQ.Orleans.Silo.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The silo is not built: run 'dotnet build silo -c {configuration}' first", dll);
    }
}
