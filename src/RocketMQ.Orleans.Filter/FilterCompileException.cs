namespace RocketMQ.Orleans.Filter;

/// <summary>
/// An expression that Apache's SelectorParser would refuse: a lexical or syntax error, a literal out of range, or an
/// operand the grammar's checks reject (e.g. <c>a &gt; 'x'</c>, <c>a BETWEEN 10 AND 0</c>). The message is the parser's.
/// </summary>
public sealed class FilterCompileException(string message) : Exception(message);
