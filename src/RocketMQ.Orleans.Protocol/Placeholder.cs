namespace RocketMQ.Orleans.Protocol; internal static class Placeholder { }
