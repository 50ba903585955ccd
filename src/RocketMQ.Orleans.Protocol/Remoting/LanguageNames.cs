using System.Text;

namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>Language enum names as JSON headers carry them, without Enum reflection on the hot path.</summary>
internal static class LanguageNames
{
    private static readonly string[] Names = Enum.GetNames<LanguageCode>();
    private static readonly byte[][] Utf8Names = Names.Select(Encoding.ASCII.GetBytes).ToArray();
    private static readonly LanguageCode[] Values = Enum.GetValues<LanguageCode>();

    public static string Of(LanguageCode language)
    {
        int index = Array.IndexOf(Values, language);
        return index >= 0 ? Names[index] : nameof(LanguageCode.OTHER);
    }

    /// <summary>Unknown names map to OTHER rather than failing: the language is informational.</summary>
    public static LanguageCode Parse(ReadOnlySpan<byte> utf8, bool escaped)
    {
        if (!escaped)
        {
            for (int i = 0; i < Utf8Names.Length; i++)
            {
                if (utf8.SequenceEqual(Utf8Names[i]))
                {
                    return Values[i];
                }
            }
        }

        return LanguageCode.OTHER;
    }
}
