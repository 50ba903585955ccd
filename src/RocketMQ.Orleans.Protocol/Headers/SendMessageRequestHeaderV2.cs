using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE request header: v1 fields under one-letter names to shrink the frame. Ext-field names are the Java field names.</summary>
public sealed partial class SendMessageRequestHeaderV2 : ICommandHeader<SendMessageRequestHeaderV2>
{
    public const string AField = "a";
    public const string BField = "b";
    public const string CField = "c";
    public const string DField = "d";
    public const string EField = "e";
    public const string FField = "f";
    public const string GField = "g";
    public const string HField = "h";
    public const string IField = "i";
    public const string JField = "j";
    public const string KField = "k";
    public const string LField = "l";
    public const string MField = "m";
    public const string NField = "n";

    public string A { get; set; } = string.Empty;

    public string B { get; set; } = string.Empty;

    public string C { get; set; } = string.Empty;

    public int D { get; set; }

    public int E { get; set; }

    public int F { get; set; }

    public long G { get; set; }

    public int H { get; set; }

    public string? I { get; set; }

    public int? J { get; set; }

    public bool K { get; set; }

    public int? L { get; set; }

    public bool M { get; set; }

    public string? N { get; set; }

    public static SendMessageRequestHeaderV2 FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        A = HeaderFields.RequiredString(extFields, AField),
        B = HeaderFields.RequiredString(extFields, BField),
        C = HeaderFields.RequiredString(extFields, CField),
        D = HeaderFields.RequiredInt32(extFields, DField),
        E = HeaderFields.RequiredInt32(extFields, EField),
        F = HeaderFields.RequiredInt32(extFields, FField),
        G = HeaderFields.RequiredInt64(extFields, GField),
        H = HeaderFields.RequiredInt32(extFields, HField),
        I = HeaderFields.OptionalString(extFields, IField),
        J = HeaderFields.OptionalInt32(extFields, JField),
        K = HeaderFields.Boolean(extFields, KField),
        L = HeaderFields.OptionalInt32(extFields, LField),
        M = HeaderFields.Boolean(extFields, MField),
        N = HeaderFields.OptionalString(extFields, NField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, AField, A);
        HeaderFields.Put(extFields, BField, B);
        HeaderFields.Put(extFields, CField, C);
        HeaderFields.Put(extFields, DField, D);
        HeaderFields.Put(extFields, EField, E);
        HeaderFields.Put(extFields, FField, F);
        HeaderFields.Put(extFields, GField, G);
        HeaderFields.Put(extFields, HField, H);
        HeaderFields.Put(extFields, IField, I);
        HeaderFields.Put(extFields, JField, J);
        HeaderFields.Put(extFields, KField, K);
        HeaderFields.Put(extFields, LField, L);
        HeaderFields.Put(extFields, MField, M);
        HeaderFields.Put(extFields, NField, N);
    }
}
