using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Console.Api;
using RocketMQ.Orleans.Console.Backend;
using RocketMQ.Orleans.Console.Login;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>Builds the console's web application: Kestrel, the JSON APIs under /api and the embedded pages.</summary>
internal static class ConsoleApp
{
    /// <summary>Prefix of the embedded front end (wwwroot/** in the project).</summary>
    private const string AssetsNamespace = "RocketMQ.Orleans.Console.wwwroot";

    public static WebApplication Build(ConsoleOptions options, SiloServices silo, ILoggerFactory loggerFactory)
    {
        // An empty builder: no configuration files, environment variables or logging providers of its own; the
        // silo's settings and logging are the only ones.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConsoleApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port));
        builder.Services.AddRouting();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(silo);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConsoleClients>();
        builder.Services.AddSingleton<BrokerAdminCalls>();
        builder.Services.AddSingleton<RateTracker>();
        builder.Services.AddSingleton<ClusterView>();
        builder.Services.AddSingleton<TopicView>();
        builder.Services.AddSingleton<GroupView>();
        builder.Services.AddSingleton<MessageView>();
        builder.Services.AddSingleton<SystemTopicView>();
        if (silo.Acl is { } acl)
        {
            builder.Services.AddSingleton(acl);
            builder.Services.AddSingleton<ConsoleSessions>();
        }
        ConsoleMetrics.AddServices(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<ApiErrorMiddleware>();
        if (silo.Acl is not null)
        {
            app.UseMiddleware<LoginMiddleware>();
        }
        var assets = new EmbeddedFileProvider(typeof(ConsoleApp).Assembly, AssetsNamespace);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = assets });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = assets,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            // The assets change with the silo binary, not by themselves: revalidate rather than cache stale pages.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        if (silo.Acl is not null)
        {
            app.MapLoginApi();
        }

        var api = app.MapGroup("/api");
        api.MapClusterApi();
        api.MapTopicApi();
        api.MapGroupApi();
        api.MapMessageApi();
        api.MapSystemTopicApi();
        ConsoleMetrics.MapEndpoints(app);
        return app;
    }

    /// <summary>"http://0.0.0.0:8080" → "http://127.0.0.1:8080/": a URL a local browser or test can open.</summary>
    public static Uri LoopbackUri(string address)
    {
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}
