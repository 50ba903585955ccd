using System.Text;
using RocketMQ.Orleans.Protocol.Acl;

namespace RocketMQ.Orleans.Broker.Tests.Acl;

/// <summary>The ACL 1.0 signature against vectors computed independently (Node's crypto, as ali-ons signs).</summary>
public sealed class AclSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("hello 消息");

    private static Dictionary<string, string> Fields() => new(StringComparer.Ordinal)
    {
        ["b"] = "TopicA",
        ["a"] = "PID_acl",
        ["AccessKey"] = "RocketMQ",
        ["OnsChannel"] = "ALIYUN",
        ["queueId"] = "3",
    };

    [Fact]
    public void Signs_sorted_field_values_then_body_with_hmac_sha1_base64()
    {
        using var hmac = new AclHmac("12345678");

        // Node: createHmac('sha1', '12345678').update("RocketMQALIYUNPID_aclTopicA3" + body).digest('base64')
        Assert.Equal("FV4Nz7xhZ4znYGQuTETXBHDUaos=", AclSignature.Sign(Fields(), Body, hmac));
        Assert.Equal("beQgVA0KNM4WtCe68fj2DEn3WWU=", AclSignature.Sign(null, default, hmac));
    }

    [Fact]
    public void Signature_and_unique_key_query_fields_are_not_signed()
    {
        using var hmac = new AclHmac("12345678");
        var fields = Fields();
        fields[AclFields.Signature] = "anything";
        fields[AclFields.UniqueKeyQuery] = "true";

        Assert.Equal("FV4Nz7xhZ4znYGQuTETXBHDUaos=", AclSignature.Sign(fields, Body, hmac));
    }

    [Fact]
    public void Verify_accepts_only_the_exact_signature_of_the_same_secret_fields_and_body()
    {
        using var hmac = new AclHmac("12345678");
        using var other = new AclHmac("87654321");
        var fields = Fields();

        Assert.True(AclSignature.Verify(fields, Body, hmac, "FV4Nz7xhZ4znYGQuTETXBHDUaos="));
        Assert.False(AclSignature.Verify(fields, Body, other, "FV4Nz7xhZ4znYGQuTETXBHDUaos="));
        Assert.False(AclSignature.Verify(fields, Body.AsSpan(1), hmac, "FV4Nz7xhZ4znYGQuTETXBHDUaos="));
        Assert.False(AclSignature.Verify(fields, Body, hmac, "fV4Nz7xhZ4znYGQuTETXBHDUaos="));
        Assert.False(AclSignature.Verify(fields, Body, hmac, null));
        fields["queueId"] = "4";
        Assert.False(AclSignature.Verify(fields, Body, hmac, "FV4Nz7xhZ4znYGQuTETXBHDUaos="));
    }

    [Fact]
    public void Pooled_hashes_give_the_same_signature_from_many_threads()
    {
        using var hmac = new AclHmac("12345678");
        Parallel.For(0, 2000, _ => Assert.Equal("FV4Nz7xhZ4znYGQuTETXBHDUaos=", AclSignature.Sign(Fields(), Body, hmac)));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(500)]
    public void Any_number_of_fields_in_any_order_signs_as_the_sorted_concatenation(int count)
    {
        // Up to 32 fields are sorted in per-thread arrays, more on the pooled path; both must sort as Java's TreeMap.
        var random = new Random(count);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (fields.Count < count)
        {
            fields["k" + random.Next(100_000).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "Z" : "a")] =
                new string((char)('a' + random.Next(26)), random.Next(0, 2000)) + "值";
        }

        var content = string.Concat(fields.OrderBy(field => field.Key, StringComparer.Ordinal).Select(field => field.Value));
        using var reference = new System.Security.Cryptography.HMACSHA1(Encoding.UTF8.GetBytes("12345678"));
        var expected = Convert.ToBase64String(reference.ComputeHash([.. Encoding.UTF8.GetBytes(content), .. Body]));
        using var hmac = new AclHmac("12345678");

        Assert.Equal(expected, AclSignature.Sign(fields, Body, hmac));
        Assert.True(AclSignature.Verify(fields, Body, hmac, expected));
    }
}
