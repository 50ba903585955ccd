namespace RocketMQ.Orleans.Filter;

/// <summary>What an expression says about one message.</summary>
public enum FilterOutcome
{
    False,
    True,

    /// <summary>SQL's unknown (Java null), e.g. a comparison with an absent property: not delivered.</summary>
    Unknown,

    /// <summary>Where Apache's evaluation throws (e.g. <c>a &gt; 5</c> with a = "x"): not delivered.</summary>
    Error,
}
