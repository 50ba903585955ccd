using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RocketMQ.Orleans.Silo;
using RocketMQ.Orleans.Store.Hosting;

// Settings come from appsettings.json, then environment variables (RocketMQ__Store__DataPath=...),
// then command-line flags (--RocketMQ:Store:DataPath=...), later sources winning.
// appsettings.json ships beside the binary; relative paths in settings (./data) resolve against the
// working directory, so `dotnet run --project silo` from the repository root keeps data under ./data.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

var siloSection = builder.Configuration.GetSection(SiloHostOptions.SectionName);
builder.Services.AddOptions<SiloHostOptions>().Bind(siloSection).ValidateDataAnnotations().ValidateOnStart();
var siloOptions = siloSection.Get<SiloHostOptions>() ?? new SiloHostOptions();

// The store is registered before Orleans so that it is open before the silo starts serving.
builder.Services.AddRocketMQMessageStore(builder.Configuration.GetSection("RocketMQ:Store"));
builder.UseOrleans(silo => silo.ConfigureRocketMQSilo(siloOptions));
builder.Services.AddHostedService<StartupBanner>();

await builder.Build().RunAsync();
