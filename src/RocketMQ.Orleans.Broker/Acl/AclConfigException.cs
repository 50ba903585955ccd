namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>The ACL file cannot be used (YAML error, bad account, bad address pattern); the message says where.</summary>
public sealed class AclConfigException(string message, Exception? inner = null) : Exception(message, inner);
