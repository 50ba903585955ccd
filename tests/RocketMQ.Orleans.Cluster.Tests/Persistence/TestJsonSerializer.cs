using System.Text.Json;
using Orleans.Storage;

namespace RocketMQ.Orleans.Cluster.Tests.Persistence;

/// <summary>A System.Text.Json grain storage serializer, so storage tests need no silo.</summary>
internal sealed class TestJsonSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span);
}
