namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>RocketMQ's permission bits of a topic or a queue set (common/constant/PermName).</summary>
public static class PermName
{
    public const int Priority = 1 << 3;
    public const int Read = 1 << 2;
    public const int Write = 1 << 1;
    public const int Inherit = 1;

    public const int ReadWrite = Read | Write;

    public static bool IsReadable(int perm) => (perm & Read) == Read;

    public static bool IsWriteable(int perm) => (perm & Write) == Write;

    public static bool IsInherited(int perm) => (perm & Inherit) == Inherit;

    /// <summary>Renders the bits as RocketMQ's admin tools do, e.g. "RW-" or "R--".</summary>
    public static string ToDisplayString(int perm) =>
        string.Create(3, perm, static (span, p) =>
        {
            span[0] = IsReadable(p) ? 'R' : '-';
            span[1] = IsWriteable(p) ? 'W' : '-';
            span[2] = IsInherited(p) ? 'X' : '-';
        });
}
