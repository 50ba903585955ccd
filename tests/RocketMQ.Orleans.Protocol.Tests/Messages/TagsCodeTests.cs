using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

public sealed class TagsCodeTests
{
    // Values of java.lang.String.hashCode(), computed by hand from s[0]*31^(n-1) + ... + s[n-1] in int arithmetic.
    [Theory]
    [InlineData("TagA", 2598919L)]
    [InlineData("TagB", 2598920L)]
    [InlineData("*", 42L)]
    [InlineData("a", 97L)]
    [InlineData("TagA || TagB", 1359775119L)]
    [InlineData("héllo", 103094734L)]
    [InlineData("😀", 1772899L)]
    [InlineData("abcdefghijklmnop", -2093879032L)]
    public void Tags_code_is_Java_string_hash(string tags, long expected)
    {
        Assert.Equal(expected, TagsCode.Of(tags));
        Assert.Equal(expected, TagsCode.Of(Encoding.UTF8.GetBytes(tags)));
    }

    [Fact]
    public void Null_or_empty_tags_hash_to_zero()
    {
        Assert.Equal(0, TagsCode.Of((string?)null));
        Assert.Equal(0, TagsCode.Of(string.Empty));
        Assert.Equal(0, TagsCode.Of(ReadOnlySpan<byte>.Empty));
    }
}
