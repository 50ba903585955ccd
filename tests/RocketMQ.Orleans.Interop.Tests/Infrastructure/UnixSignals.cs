using System.Runtime.InteropServices;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Sends POSIX signals; Process only offers SIGKILL.</summary>
internal static partial class UnixSignals
{
    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    /// <summary>Asks a process to stop cleanly; false when it is already gone.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    /// <summary>Freezes a process (SIGSTOP): it keeps its sockets and memory and runs on after <see cref="Continue"/>.</summary>
    public static bool Stop(int pid) => Kill(pid, SigStop) == 0;

    public static bool Continue(int pid) => Kill(pid, SigCont) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
