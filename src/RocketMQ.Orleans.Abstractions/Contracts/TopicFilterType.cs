namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>RocketMQ's TopicFilterType; the JSON names are SINGLE_TAG and MULTI_TAG.</summary>
[GenerateSerializer]
[Alias("rmq.TopicFilterType")]
public enum TopicFilterType
{
    SingleTag = 0,
    MultiTag = 1,
}
