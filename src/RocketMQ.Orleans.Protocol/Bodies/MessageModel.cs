namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>MessageModel</c>; written by its Java name (<c>CLUSTERING</c>).</summary>
public enum MessageModel
{
    Broadcasting,
    Clustering,
}
