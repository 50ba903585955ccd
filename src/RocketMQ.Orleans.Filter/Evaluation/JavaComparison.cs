namespace RocketMQ.Orleans.Filter.Evaluation;

/// <summary>
/// Apache ComparisonExpression.__compare with string conversion on (as SelectorParser always sets it), for the value
/// types a selector meets: property strings, int/long/double constants, booleans. Two different types are converted
/// towards each other; a string that must become a number and does not is an error (Java's NumberFormatException);
/// a boolean compared with a string is an error too (Java casts the boolean to String); other mismatches compare as -1.
/// </summary>
internal static class JavaComparison
{
    // Java Double.doubleToLongBits folds every NaN into this one.
    private const long CanonicalNaNBits = 0x7ff8000000000000L;

    public static bool TryCompare(in FilterValue left, in FilterValue right, out int result)
    {
        result = -1;
        switch (left.Kind)
        {
            case ValueKind.Boolean:
                if (right.Kind == ValueKind.Boolean)
                {
                    result = left.Integer.CompareTo(right.Integer);
                    return true;
                }

                return right.Kind != ValueKind.String;
            case ValueKind.Int:
                return right.Kind switch
                {
                    ValueKind.Int or ValueKind.Long => Set(left.Integer.CompareTo(right.Integer), out result),
                    ValueKind.Double => Set(CompareDouble(left.Integer, right.Real), out result),
                    ValueKind.String => JavaNumberText.TryParseInt(right.Text, out int parsed) && Set(left.Integer.CompareTo(parsed), out result),
                    _ => true,
                };
            case ValueKind.Long:
                return right.Kind switch
                {
                    ValueKind.Int or ValueKind.Long => Set(left.Integer.CompareTo(right.Integer), out result),
                    ValueKind.Double => Set(CompareDouble(left.Integer, right.Real), out result),
                    ValueKind.String => JavaNumberText.TryParseLong(right.Text, out long parsed) && Set(left.Integer.CompareTo(parsed), out result),
                    _ => true,
                };
            case ValueKind.Double:
                return right.Kind switch
                {
                    ValueKind.Int or ValueKind.Long => Set(CompareDouble(left.Real, right.Integer), out result),
                    ValueKind.Double => Set(CompareDouble(left.Real, right.Real), out result),
                    ValueKind.String => JavaNumberText.TryParseDouble(right.Text, out double parsed) && Set(CompareDouble(left.Real, parsed), out result),
                    _ => true,
                };
            case ValueKind.String:
                return right.Kind switch
                {
                    ValueKind.String => Set(left.Text.SequenceCompareTo(right.Text), out result),
                    ValueKind.Boolean => Set((JavaNumberText.ParseBoolean(left.Text) ? 1L : 0L).CompareTo(right.Integer), out result),
                    ValueKind.Int => JavaNumberText.TryParseInt(left.Text, out int parsed) && Set(((long)parsed).CompareTo(right.Integer), out result),
                    ValueKind.Long => JavaNumberText.TryParseLong(left.Text, out long parsed) && Set(parsed.CompareTo(right.Integer), out result),
                    ValueKind.Double => JavaNumberText.TryParseDouble(left.Text, out double parsed) && Set(CompareDouble(parsed, right.Real), out result),
                    _ => true,
                };
            default:
                return true;
        }
    }

    /// <summary>Java <c>Object.equals</c> of two values: same type and same value (doubles as Double.equals).</summary>
    public static bool JavaEquals(in FilterValue left, in FilterValue right)
    {
        if (left.Kind != right.Kind)
        {
            return false;
        }

        return left.Kind switch
        {
            ValueKind.String => left.Text.SequenceEqual(right.Text),
            ValueKind.Double => CompareDouble(left.Real, right.Real) == 0,
            _ => left.Integer == right.Integer,
        };
    }

    /// <summary>Java Double.compare: NaN above everything and equal to itself, -0.0 below 0.0.</summary>
    public static int CompareDouble(double left, double right)
    {
        if (left < right)
        {
            return -1;
        }

        if (left > right)
        {
            return 1;
        }

        long leftBits = double.IsNaN(left) ? CanonicalNaNBits : BitConverter.DoubleToInt64Bits(left);
        long rightBits = double.IsNaN(right) ? CanonicalNaNBits : BitConverter.DoubleToInt64Bits(right);
        return leftBits.CompareTo(rightBits);
    }

    private static bool Set(int value, out int result)
    {
        result = value;
        return true;
    }
}
