using Microsoft.AspNetCore.Http;
using RocketMQ.Orleans.Broker.Acl;

namespace RocketMQ.Orleans.Console.Login;

/// <summary>
/// With ACL on, every page and API needs a signed-in admin account of the ACL file: the login page, its stylesheet
/// and the login API are the only things served before that. /metrics stays open for Prometheus (numbers only).
/// API calls without a session answer 401; pages redirect to the login page.
/// </summary>
internal sealed class LoginMiddleware(RequestDelegate next, AclConfigStore acl, ConsoleSessions sessions)
{
    public const string LoginPage = "/login.html";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals(LoginPage, StringComparison.Ordinal) || path.StartsWithSegments("/css") ||
            path.Equals(LoginApi.SignInPath, StringComparison.Ordinal) || path.StartsWithSegments("/metrics") ||
            sessions.IsSignedIn(acl.Current, context.Request.Cookies[ConsoleSessions.CookieName]))
        {
            return next(context);
        }

        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsJsonAsync(new { error = "Sign in with an admin accessKey and secretKey of the ACL file." });
        }

        context.Response.Redirect(LoginPage);
        return Task.CompletedTask;
    }
}
