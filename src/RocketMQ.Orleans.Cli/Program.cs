using RocketMQ.Orleans.Cli;

return await RmqCommandLine.InvokeAsync(args).ConfigureAwait(false);
