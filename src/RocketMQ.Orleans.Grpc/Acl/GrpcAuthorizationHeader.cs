namespace RocketMQ.Orleans.Grpc.Acl;

/// <summary>
/// The <c>authorization</c> header of the 5.x clients:
/// <c>MQv2-HMAC-SHA1 Credential=&lt;accessKey&gt;, SignedHeaders=x-mq-date-time, Signature=&lt;hex HMAC-SHA1&gt;</c>.
/// Apache's proxy (AuthorizationHeader) also takes a credential "ak/region/channel" and uses its first part.
/// </summary>
internal readonly record struct GrpcAuthorizationHeader(string? AccessKey, string? Signature)
{
    public const string Name = "authorization";
    public const string DateTimeHeader = "x-mq-date-time";

    public static GrpcAuthorizationHeader Parse(string? header)
    {
        if (header is null)
        {
            return default;
        }

        var space = header.IndexOf(' ');
        if (space < 0)
        {
            return default;
        }

        string? accessKey = null;
        string? signature = null;
        foreach (var item in header.AsSpan(space + 1).Split(','))
        {
            var pair = header.AsSpan(space + 1)[item].Trim();
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = pair[..equals];
            var value = pair[(equals + 1)..];
            if (key.SequenceEqual("Credential"))
            {
                var slash = value.IndexOf('/');
                accessKey = (slash < 0 ? value : value[..slash]).ToString();
            }
            else if (key.SequenceEqual("Signature"))
            {
                signature = value.ToString();
            }
        }

        return new GrpcAuthorizationHeader(accessKey, signature);
    }
}
