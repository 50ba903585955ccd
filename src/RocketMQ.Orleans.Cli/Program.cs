using RocketMQ.Orleans.Cli;

return await RmqCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
