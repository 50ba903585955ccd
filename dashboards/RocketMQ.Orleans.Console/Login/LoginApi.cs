using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RocketMQ.Orleans.Broker.Acl;

namespace RocketMQ.Orleans.Console.Login;

/// <summary>POST /api/login {accessKey, secretKey} (an admin account of the ACL file) and POST /api/logout.</summary>
internal static class LoginApi
{
    public const string SignInPath = "/api/login";

    public static void MapLoginApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignInPath, (LoginRequest request, HttpContext context, AclConfigStore acl, ConsoleSessions sessions) =>
        {
            if (sessions.SignIn(acl.Current, request.AccessKey, request.SecretKey) is not { } token)
            {
                return Results.Json(new { error = "Unknown accessKey, wrong secretKey, or not an admin account." }, statusCode: StatusCodes.Status401Unauthorized);
            }

            context.Response.Cookies.Append(ConsoleSessions.CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                MaxAge = ConsoleSessions.Lifetime,
                Path = "/",
            });
            return Results.Json(new { accessKey = request.AccessKey });
        });

        app.MapPost("/api/logout", (HttpContext context, ConsoleSessions sessions) =>
        {
            sessions.SignOut(context.Request.Cookies[ConsoleSessions.CookieName]);
            context.Response.Cookies.Delete(ConsoleSessions.CookieName);
            return Results.NoContent();
        });
    }

    internal sealed record LoginRequest(string? AccessKey, string? SecretKey);
}
