namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Shutdown steps that may wait at most a given time. DotNetty 0.7.6 close and termination futures were seen to never
/// complete in rare races; shutdown must end regardless,
/// and each later step (stopping the event loops) tears down whatever an earlier one left behind. Seen: full-suite runs
/// where a test host hung although every request it made was bounded by its own timeout.
/// </summary>
internal static class BoundedWait
{
    public static async Task WithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Left to the next shutdown step.
        }
    }
}
