namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// RocketMQ ACL 1.0 on the broker port ("RocketMQ:Acl"), off by default as Apache's <c>aclEnable</c>. Each silo reads
/// its own <see cref="File"/>: every silo of a cluster must be given the same file (a shared volume or the same
/// deployment artefact), since a request is checked by whichever silo's broker it reaches.
/// </summary>
public sealed class AclOptions
{
    public const string SectionName = "RocketMQ:Acl";

    /// <summary>Check every broker request against <see cref="File"/> (name-server requests are not checked, as in Apache 4.9).</summary>
    public bool Enabled { get; set; }

    /// <summary>Path of the plain_acl.yml file (Apache's format); relative paths resolve against the working directory.</summary>
    public string? File { get; set; }

    /// <summary>Quiet time after the last change to the file before it is read again, so a half-written file is not loaded (0 to 1 minute).</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
