global using RocketMQ.Orleans.Client.Tests.Support;
