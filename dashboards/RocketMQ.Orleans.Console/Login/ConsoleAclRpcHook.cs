using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Client.Security;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Console.Login;

/// <summary>
/// Signs the console's own admin requests when ACL is on, with an admin account of the ACL file in force (the silo
/// holds the file, so the console needs no key of its own); only signed-in users reach the console at all.
/// </summary>
internal sealed class ConsoleAclRpcHook(AclConfigStore acl) : IClientRpcHook
{
    public void BeforeRequest(string address, RemotingCommand request)
    {
        var admin = acl.Current.Accounts.Values.Where(a => a.Admin).OrderBy(a => a.AccessKey, StringComparer.Ordinal).FirstOrDefault();
        if (admin is null)
        {
            return;
        }

        AclClientRpcHook.Sign(request, admin.AccessKey, admin.Hmac);
    }
}
