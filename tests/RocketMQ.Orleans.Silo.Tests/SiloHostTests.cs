namespace RocketMQ.Orleans.Silo.Tests;

public sealed class SiloHostTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rmq-silo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Starts_opens_the_store_and_closes_it_cleanly_on_ctrl_c()
    {
        await using var silo = SiloProcess.Start(_dataPath);

        await silo.WaitForLineAsync("silo ready", StartTimeout);
        Assert.Contains("Message store opened at " + _dataPath, silo.Output);
        Assert.True(Directory.Exists(Path.Combine(_dataPath, "commitlog")), "the commit log directory is created under the data path");

        silo.Interrupt();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, silo.ExitCode);
        Assert.Contains("Message store flushed and closed cleanly", silo.Output);
    }

    [Fact]
    public async Task A_restarted_silo_reopens_the_same_data_directory()
    {
        await using (var first = SiloProcess.Start(_dataPath))
        {
            await first.WaitForLineAsync("silo ready", StartTimeout);
            first.Interrupt();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, first.ExitCode);
        }

        await using var second = SiloProcess.Start(_dataPath);
        await second.WaitForLineAsync("silo ready", StartTimeout);
        Assert.Contains("Message store opened at " + _dataPath, second.Output);
        second.Interrupt();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, second.ExitCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
