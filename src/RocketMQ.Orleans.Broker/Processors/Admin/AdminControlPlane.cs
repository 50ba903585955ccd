using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.NameServer;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// What the admin processors need from the control plane besides the broker runtime: the grains (to create,
/// update and delete) and this silo's caches (to list).
/// </summary>
public sealed record AdminControlPlane(
    IGrainFactory Grains,
    TopicConfigCache Topics,
    ClusterDirectoryCache Directories,
    SubscriptionGroupCache SubscriptionGroups,
    KvConfigCache KvConfig);
