using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// RocketMQ 5.3 <c>RecallMessageHandle.HandleV1</c>: <c>v1 topic brokerName timestamp messageId</c> joined by spaces,
/// URL-safe Base64 with padding (Java <c>Base64.getUrlEncoder()</c>). The timestamp is the timed message's
/// TIMER_OUT_MS + 1 and the message id its UNIQ_KEY.
/// </summary>
public sealed record RecallMessageHandle(string Topic, string BrokerName, string Timestamp, string MessageId)
{
    /// <summary>Apache's remark (a DecoderException's message) for a handle that does not decode.</summary>
    public const string InvalidRemark = "recall handle is invalid";

    private const string Version1 = "v1";

    private static readonly System.Buffers.SearchValues<char> UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=");

    public static string Build(string topic, string brokerName, long timestampMs, string messageId)
    {
        var raw = Encoding.UTF8.GetBytes(string.Join(' ', Version1, topic, brokerName, timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture), messageId));
        return Convert.ToBase64String(raw).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Apache <c>decodeHandle</c>: false for an empty handle, bad Base64, another version or fewer than 5 items.</summary>
    public static bool TryDecode(string? handle, [NotNullWhen(true)] out RecallMessageHandle? decoded)
    {
        decoded = null;
        if (string.IsNullOrEmpty(handle))
            return false;
        // Java's URL decoder takes the URL alphabet, padded or not.
        var standard = handle.Replace('-', '+').Replace('_', '/');
        if (standard.Length % 4 != 0)
            standard = standard.PadRight(standard.Length + 4 - standard.Length % 4, '=');
        // Java's decoder refuses whitespace, which Base64.IsValid would skip.
        if (handle.AsSpan().ContainsAnyExcept(UrlAlphabet) || !Base64.IsValid(standard))
            return false;
        var items = Encoding.UTF8.GetString(Convert.FromBase64String(standard)).Split(' ');
        if (items[0] != Version1 || items.Length < 5)
            return false;
        decoded = new RecallMessageHandle(items[1], items[2], items[3], items[4]);
        return true;
    }
}
