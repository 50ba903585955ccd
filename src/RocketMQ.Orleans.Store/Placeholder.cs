namespace RocketMQ.Orleans.Store; internal static class Placeholder { }
