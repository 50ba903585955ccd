namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>A NOTIFICATION's answer: whether a pop would find a message, and whether the wait was refused for the long-polling limits.</summary>
public readonly record struct PopNotification(bool HasMessage, bool PollingFull);
