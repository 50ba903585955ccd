namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Completes what others await so that their continuations run on the calling thread. DotNetty runs its event loop
/// as a task on its own TaskScheduler, and under a non-default scheduler the runtime never runs an awaiter inline
/// (Task's "valid location for inlining" check): it queues it to the thread pool, one wake-up and thread hop per
/// completion. Code on an event loop that completes a task calls this: the completion runs inside a task run
/// synchronously on the default scheduler, where awaiters do run inline.
/// </summary>
public static class InlineCompletion
{
    public static TResult Run<TState, TResult>(Func<TState, TResult> complete, TState state)
    {
        ArgumentNullException.ThrowIfNull(complete);
        if (TaskScheduler.Current == TaskScheduler.Default)
        {
            return complete(state);
        }

        var task = new Task<TResult>(static boxed =>
        {
            var (action, argument) = ((Func<TState, TResult>, TState))boxed!;
            return action(argument);
        }, (complete, state));
        task.RunSynchronously(TaskScheduler.Default);
        return task.Result;
    }
}
