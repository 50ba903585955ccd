using System.Collections.Concurrent;
using System.Security.Cryptography;
using RocketMQ.Orleans.Broker.Acl;

namespace RocketMQ.Orleans.Console.Login;

/// <summary>
/// Signed-in browsers while ACL is on: a random token (the session cookie) per login of an admin account. A session
/// lasts <see cref="Lifetime"/> and holds only while its account is still an admin in the ACL file in force, so
/// removing an account or its admin flag signs it out at the next request. Bounded: the oldest sessions go first.
/// </summary>
internal sealed class ConsoleSessions(TimeProvider time)
{
    public const string CookieName = "rmq_console_session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const int MaxSessions = 1024;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Checks the credentials against <paramref name="acl"/>; a token for the session, or null if refused.</summary>
    public string? SignIn(AclConfig acl, string? accessKey, string? secretKey)
    {
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey) || acl.FindAdmin(accessKey, secretKey) is null)
        {
            return null;
        }

        Prune();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[token] = new Session(accessKey, secretKey, time.GetUtcNow() + Lifetime);
        return token;
    }

    public bool IsSignedIn(AclConfig acl, string? token)
    {
        if (token is null || !_sessions.TryGetValue(token, out var session))
        {
            return false;
        }

        if (session.Expires <= time.GetUtcNow() || acl.FindAdmin(session.AccessKey, session.SecretKey) is null)
        {
            _sessions.TryRemove(token, out _);
            return false;
        }

        return true;
    }

    public void SignOut(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (token, session) in _sessions)
        {
            if (session.Expires <= now)
            {
                _sessions.TryRemove(token, out _);
            }
        }

        if (_sessions.Count >= MaxSessions)
        {
            foreach (var oldest in _sessions.OrderBy(s => s.Value.Expires).Take(_sessions.Count - MaxSessions + 1))
            {
                _sessions.TryRemove(oldest.Key, out _);
            }
        }
    }

    private sealed record Session(string AccessKey, string SecretKey, DateTimeOffset Expires);
}
