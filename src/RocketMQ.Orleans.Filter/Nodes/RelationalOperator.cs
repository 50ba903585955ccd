namespace RocketMQ.Orleans.Filter.Nodes;

internal enum RelationalOperator : byte
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}
