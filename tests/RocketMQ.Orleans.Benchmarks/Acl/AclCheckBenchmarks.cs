using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Protocol.Acl;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Benchmarks.Acl;

/// <summary>
/// The ACL check the broker runs before every request (<see cref="PlainAccessValidator"/>: account, peer address,
/// signature, permissions) on a signed SEND_MESSAGE_V2 as <c>rmq bench produce</c> sends it, beside what the client
/// adds (signing) and the floor no implementation avoids: one HMAC-SHA1 over the same bytes with a keyed hash ready.
/// </summary>
[Config(typeof(AclCheckBenchmarkConfig))]
[MemoryDiagnoser]
public class AclCheckBenchmarks
{
    private const string AccessKey = "benchAccess";
    private const string SecretKey = "benchSecret12345";

    private readonly EndPoint _peer = new IPEndPoint(IPAddress.Parse("10.0.0.7"), 53122);
    private PlainAccessValidator _validator = null!;
    private AclHmac _clientHmac = null!;
    private RemotingCommand _request = null!;
    private IncrementalHash _floorHash = null!;
    private byte[] _floorBytes = null!;
    private string _signature = null!;

    [Params(1024)]
    public int BodySize { get; set; }

    /// <summary>An admin account with no resource permissions (the docs' bench file) or a user checked against its topic permissions.</summary>
    [Params(true, false)]
    public bool Admin { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var account = new AclAccount(AccessKey, SecretKey, Admin, AclPermission.Deny, AclPermission.Sub,
            Admin ? new Dictionary<string, byte>() : new Dictionary<string, byte> { ["BenchmarkTopic"] = AclPermission.Pub, ["OtherTopic"] = AclPermission.Sub },
            new Dictionary<string, byte>(), RemoteAddressPattern.None);
        var config = new AclConfig([RemoteAddressPattern.Parse("192.168.1.*")], [account]);
        _validator = new PlainAccessValidator(() => config);
        _clientHmac = new AclHmac(SecretKey);

        _request = SampleMessages.SendRequest(BodySize, SerializeType.Json);
        Sign(_request);
        _signature = _request.ExtFields![AclFields.Signature];
        if (_validator.Validate(_request, _peer) is { } refused)
        {
            throw new InvalidOperationException(refused);
        }

        var values = string.Concat(_request.ExtFields!.Where(field => field.Key != AclFields.Signature).OrderBy(field => field.Key, StringComparer.Ordinal).Select(field => field.Value));
        _floorBytes = [.. System.Text.Encoding.UTF8.GetBytes(values), .. _request.Body.Span];
        _floorHash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, System.Text.Encoding.UTF8.GetBytes(SecretKey));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _clientHmac.Dispose();
        _floorHash.Dispose();
    }

    [Benchmark(Description = "Broker: validate a signed send")]
    public string? Validate() => _validator.Validate(_request, _peer);

    [Benchmark(Description = "Broker: the signature alone")]
    public bool VerifySignature() => AclSignature.Verify(_request.ExtFields, _request.Body.Span, _clientHmac, _signature);

    [Benchmark(Description = "Client: sign a send")]
    public string ClientSign() => AclSignature.Sign(_request.ExtFields, _request.Body.Span, _clientHmac);

    [Benchmark(Baseline = true, Description = "Floor: one HMAC-SHA1 of the same bytes")]
    public int HmacFloor()
    {
        Span<byte> digest = stackalloc byte[20];
        _floorHash.AppendData(_floorBytes);
        return _floorHash.GetHashAndReset(digest);
    }

    private void Sign(RemotingCommand request)
    {
        request.ExtFields![AclFields.AccessKey] = AccessKey;
        request.ExtFields[AclFields.Signature] = AclSignature.Sign(request.ExtFields, request.Body.Span, _clientHmac);
    }

    /// <summary>In process (no generated project to build on the shared machine), BenchmarkDotNet's throughput strategy.</summary>
    private sealed class AclCheckBenchmarkConfig : ManualConfig
    {
        public AclCheckBenchmarkConfig() => AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
