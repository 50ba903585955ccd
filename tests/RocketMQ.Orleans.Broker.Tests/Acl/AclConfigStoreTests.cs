using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Acl;

namespace RocketMQ.Orleans.Broker.Tests.Acl;

/// <summary>The ACL file is read again when it changes; a bad version keeps the last good one.</summary>
public sealed class AclConfigStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rmq-acl-store-").FullName;

    private string FilePath => Path.Combine(_directory, "plain_acl.yml");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private AclConfigStore CreateStore() => new(
        Options.Create(new AclOptions { Enabled = true, File = FilePath, ReloadDelay = TimeSpan.FromMilliseconds(50) }),
        NullLogger<AclConfigStore>.Instance);

    private static string Account(string accessKey) => $"accounts: [{{accessKey: {accessKey}, secretKey: secret-key}}]";

    [Fact]
    public async Task A_changed_file_is_taken_into_use_without_a_restart()
    {
        File.WriteAllText(FilePath, Account("first-key"));
        using var store = CreateStore();
        Assert.True(store.Current.Accounts.ContainsKey("first-key"));
        var version = store.Version;

        File.WriteAllText(FilePath, Account("second-key"));

        await Eventually.TrueAsync(() => store.Version > version, "the rewritten ACL file is reloaded");
        Assert.True(store.Current.Accounts.ContainsKey("second-key"));
        Assert.False(store.Current.Accounts.ContainsKey("first-key"));
    }

    [Fact]
    public async Task A_file_replaced_by_rename_is_taken_into_use()
    {
        File.WriteAllText(FilePath, Account("first-key"));
        using var store = CreateStore();
        Assert.True(store.Start().Accounts.ContainsKey("first-key"));
        var version = store.Version;

        var staged = Path.Combine(_directory, "staged.tmp");
        File.WriteAllText(staged, Account("renamed-key"));
        File.Move(staged, FilePath, overwrite: true);

        await Eventually.TrueAsync(() => store.Version > version, "the ACL file replaced by a rename is reloaded");
        Assert.True(store.Current.Accounts.ContainsKey("renamed-key"));
    }

    [Fact]
    public void A_bad_file_keeps_the_last_good_configuration_and_an_unchanged_file_is_not_parsed_again()
    {
        File.WriteAllText(FilePath, Account("first-key"));
        using var store = CreateStore();
        var good = store.Current;

        File.WriteAllText(FilePath, "accounts: [ {accessKey: broken");
        Assert.False(store.Reload());
        Assert.Same(good, store.Current);

        File.WriteAllText(FilePath, Account("first-key"));
        Assert.False(store.Reload());
        Assert.Same(good, store.Current);

        File.Delete(FilePath);
        Assert.False(store.Reload());
        Assert.Same(good, store.Current);
    }

    [Fact]
    public void A_bad_file_at_start_fails_loudly()
    {
        File.WriteAllText(FilePath, "accounts: [{accessKey: short, secretKey: x}]");
        using var store = CreateStore();

        Assert.Throws<AclConfigException>(() => store.Current);
    }

    [Fact]
    public void Options_need_an_existing_file_when_enabled()
    {
        var validator = new AclOptionsValidator();
        Assert.True(validator.Validate(null, new AclOptions()).Succeeded);
        Assert.True(validator.Validate(null, new AclOptions { Enabled = true }).Failed);
        Assert.True(validator.Validate(null, new AclOptions { Enabled = true, File = FilePath }).Failed);
        File.WriteAllText(FilePath, "");
        Assert.True(validator.Validate(null, new AclOptions { Enabled = true, File = FilePath }).Succeeded);
        Assert.True(validator.Validate(null, new AclOptions { ReloadDelay = TimeSpan.FromMinutes(2) }).Failed);
    }
}
