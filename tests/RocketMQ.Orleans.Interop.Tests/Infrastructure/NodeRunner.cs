using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// Runs tests/interop-js/codec.js (ali-ons' own codec code) on one JSON job and returns its JSON answer.
/// A missing node or node_modules is an error, never a skip: the cross-check must not pass silently.
/// </summary>
public static class NodeRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string InstallHint = "Run scripts/install-test-deps.sh from the repository root.";

    private static readonly Lazy<string> ScriptDirectory = new(FindScriptDirectory);

    public static JsonNode Run(object job) => Run(JsonSerializer.SerializeToNode(job)!);

    public static JsonNode Run(JsonNode job)
    {
        string directory = ScriptDirectory.Value;
        string aliOns = Path.Combine(directory, "node_modules", "ali-ons", "package.json");
        if (!File.Exists(aliOns))
        {
            throw new InvalidOperationException($"ali-ons is not installed ({aliOns} is missing). {InstallHint}");
        }

        var startInfo = new ProcessStartInfo("node", "codec.js")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start 'node' ({e.Message}); install Node.js 20.15+. {InstallHint}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(job.ToJsonString());
            process.StandardInput.Close();

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"codec.js did not finish within {Timeout.TotalSeconds} s. Job: {job.ToJsonString()}");
            }

            process.WaitForExit();
            string output = stdout.Result;
            string errors = stderr.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"codec.js exited with {process.ExitCode}. stderr:\n{errors}\n{InstallHint}");
            }

            return JsonNode.Parse(output)
                ?? throw new InvalidOperationException($"codec.js printed no JSON. stderr:\n{errors}");
        }
    }

    private static string FindScriptDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "interop-js");
            if (File.Exists(Path.Combine(candidate, "codec.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"tests/interop-js/codec.js not found above {AppContext.BaseDirectory}. {InstallHint}");
    }
}
