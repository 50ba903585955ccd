namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// The remarks Apache 4.9.8's broker answers a refused request with: its remoting layer turns the AclException thrown
/// by the RPC hook into SYSTEM_ERROR with <c>RemotingHelper.exceptionSimpleDesc</c>, "&lt;exception&gt;: &lt;message&gt;,
/// &lt;top stack frame&gt;". The frames are those of the rocketmq-all-4.9.8 sources; clients show the text verbatim.
/// Only built for a refusal, never on the path of an accepted request.
/// </summary>
internal static class AclRemarks
{
    private const string Exception = "org.apache.rocketmq.acl.common.AclException: ";
    private const string Validate = "org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:";
    private const string CheckPerm = "org.apache.rocketmq.acl.plain.PlainPermissionManager.checkPerm(PlainPermissionManager.java:";
    private const string Parse = "org.apache.rocketmq.acl.plain.PlainAccessValidator.parse(PlainAccessValidator.java:134)";

    public static string NoAccessKey() => $"{Exception}No accessKey is configured, {Validate}664)";

    public static string NoAccount(string accessKey) => $"{Exception}No acl config for {accessKey}, {Validate}668)";

    public static string SignatureFailed(string accessKey) => $"{Exception}Check signature failed for accessKey={accessKey}, {Validate}684)";

    public static string NeedAdmin(int requestCode, string accessKey) =>
        $"{Exception}Need admin permission for request code={requestCode}, but accessKey={accessKey} is not, {CheckPerm}581)";

    /// <summary>Apache words both cases "No default permission"; only the frame tells a listed resource (611) from a default (606).</summary>
    public static string NoPermission(string kind, ReadOnlySpan<char> name, bool listed) =>
        $"{Exception}No default permission for {kind}:{name}, {CheckPerm}{(listed ? 611 : 606)})";

    public static string ParseFailed(string message) => $"{Exception}{message}, {Parse}";
}
