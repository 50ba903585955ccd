using System.Runtime.InteropServices;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Sends POSIX signals; Process only offers SIGKILL.</summary>
internal static partial class UnixSignals
{
    public const int SigTerm = 15;

    /// <summary>Asks a process to stop cleanly; false when it is already gone.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
