namespace RocketMQ.Orleans.Protocol.Bodies.Json;

/// <summary>
/// One value of a leniently parsed body. Object members keep their key as a node because fastjson writes
/// maps keyed by beans with the bean itself as the key. Bodies are control-plane traffic (heartbeats,
/// routes, admin calls), so a small tree is simpler than a streaming reader and costs nothing that matters.
/// </summary>
public sealed class FastJsonNode
{
    private static readonly List<FastJsonNode> NoItems = [];
    private static readonly List<KeyValuePair<FastJsonNode, FastJsonNode>> NoMembers = [];

    public static readonly FastJsonNode NullValue = new(FastJsonKind.Null, null);

    internal FastJsonNode(FastJsonKind kind, string? text)
    {
        Kind = kind;
        Text = text;
    }

    internal FastJsonNode(List<FastJsonNode> items)
    {
        Kind = FastJsonKind.Array;
        ItemList = items;
    }

    internal FastJsonNode(List<KeyValuePair<FastJsonNode, FastJsonNode>> members)
    {
        Kind = FastJsonKind.Object;
        MemberList = members;
    }

    public FastJsonKind Kind { get; }

    /// <summary>The unescaped string, or the number exactly as written; null for other kinds.</summary>
    public string? Text { get; }

    public IReadOnlyList<FastJsonNode> Items => ItemList ?? NoItems;

    /// <summary>Members in document order; a key is a string node for quoted, single-quoted and bare-word keys.</summary>
    public IReadOnlyList<KeyValuePair<FastJsonNode, FastJsonNode>> Members => MemberList ?? NoMembers;

    public bool IsNull => Kind == FastJsonKind.Null;

    private List<FastJsonNode>? ItemList { get; }

    private List<KeyValuePair<FastJsonNode, FastJsonNode>>? MemberList { get; }

    /// <summary>The value of the last member whose key is the string <paramref name="name"/> (fastjson lets a later duplicate win).</summary>
    public FastJsonNode? Property(string name)
    {
        if (MemberList is null)
        {
            return null;
        }

        for (int i = MemberList.Count - 1; i >= 0; i--)
        {
            var key = MemberList[i].Key;
            if ((key.Kind == FastJsonKind.String || key.Kind == FastJsonKind.Number) && key.Text == name)
            {
                return MemberList[i].Value;
            }
        }

        return null;
    }

    public override string ToString() => Kind switch
    {
        FastJsonKind.String => Text!,
        FastJsonKind.Number => Text!,
        _ => Kind.ToString(),
    };
}
