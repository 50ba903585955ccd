namespace RocketMQ.Orleans.Filter.Evaluation;

/// <summary>
/// One value during an evaluation, on the stack: strings are UTF-8 slices of the message's properties or of a
/// constant, so evaluating a message allocates nothing.
/// </summary>
internal readonly ref struct FilterValue
{
    private FilterValue(ValueKind kind, long integer, double real, ReadOnlySpan<byte> text)
    {
        Kind = kind;
        Integer = integer;
        Real = real;
        Text = text;
    }

    public ValueKind Kind { get; }

    /// <summary>The value of an Int, Long or Boolean (1 = true).</summary>
    public long Integer { get; }

    public double Real { get; }

    public ReadOnlySpan<byte> Text { get; }

    public bool IsNull => Kind == ValueKind.Null;

    public bool IsError => Kind == ValueKind.Error;

    public bool IsTrue => Kind == ValueKind.Boolean && Integer != 0;

    public bool IsFalse => Kind == ValueKind.Boolean && Integer == 0;

    public static FilterValue Null => default;

    public static FilterValue Error => new(ValueKind.Error, 0, 0, default);

    public static FilterValue True => new(ValueKind.Boolean, 1, 0, default);

    public static FilterValue False => new(ValueKind.Boolean, 0, 0, default);

    public static FilterValue Boolean(bool value) => value ? True : False;

    public static FilterValue Int(int value) => new(ValueKind.Int, value, 0, default);

    public static FilterValue Long(long value) => new(ValueKind.Long, value, 0, default);

    public static FilterValue Double(double value) => new(ValueKind.Double, 0, value, default);

    public static FilterValue String(ReadOnlySpan<byte> utf8) => new(ValueKind.String, 0, 0, utf8);
}
