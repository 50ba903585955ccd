using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>One generated frame: the bytes to send and what was done to them.</summary>
internal sealed record MutatedFrame(long Index, string SeedName, FuzzTarget Target, IReadOnlyList<FuzzMutation> Mutations, byte[] Bytes)
{
    public string Describe() => $"frame {Index} ({SeedName}; {string.Join("+", Mutations)}; {Bytes.Length} bytes)";
}

/// <summary>
/// Turns frame index <c>k</c> of a seed into one mutated frame, deterministically: a seed request, one to three
/// mutations (request edits first, then byte edits of the encoded frame).
/// </summary>
internal sealed class FrameMutator
{
    private static readonly FuzzMutation[] RequestEdits =
    [
        FuzzMutation.RandomCode, FuzzMutation.FlagBits, FuzzMutation.SerializeType, FuzzMutation.LanguageVersion,
        FuzzMutation.ExtShuffle, FuzzMutation.ExtDuplicate, FuzzMutation.ExtRemove, FuzzMutation.ExtHugeValue,
        FuzzMutation.ExtManyFields, FuzzMutation.ExtGarbageValue, FuzzMutation.ExtBlankValue, FuzzMutation.ExtRawJson, FuzzMutation.GarbageBody,
        FuzzMutation.BodyBitFlip, FuzzMutation.HugeRemark,
    ];

    private static readonly FuzzMutation[] ByteEdits =
    [
        FuzzMutation.BitFlip, FuzzMutation.InterestingBytes, FuzzMutation.Truncate, FuzzMutation.TruncateIncomplete,
        FuzzMutation.TotalLengthGrow, FuzzMutation.TotalLengthShrink, FuzzMutation.TotalLengthExtreme,
        FuzzMutation.HeaderLength, FuzzMutation.AppendGarbage,
    ];

    /// <summary>
    /// Codes never sent: cluster administration an operator may legitimately run against an open (ACL-off) silo, which
    /// would take the broker out of the cluster or rewrite its configuration by design, not by a bug.
    /// </summary>
    private static readonly HashSet<int> AdministrativeCodes =
    [
        RequestCode.RegisterBroker, RequestCode.UnregisterBroker, RequestCode.WipeWritePermOfBroker, RequestCode.AddWritePermOfBroker,
        RequestCode.UpdateBrokerConfig, RequestCode.UpdateNamesrvConfig, RequestCode.TriggerDeleteFiles,
        RequestCode.DeleteExpiredCommitlog, RequestCode.CleanExpiredConsumequeue, RequestCode.CleanUnusedTopic,
    ];

    private static readonly int[] KnownCodes = typeof(RequestCode)
        .GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(int))
        .Select(f => (int)f.GetRawConstantValue()!)
        .Where(code => !AdministrativeCodes.Contains(code))
        .ToArray();

    private static readonly string[] GarbageValues =
    [
        "-1", "0", "1", "-2147483648", "2147483647", "2147483648", "-9223372036854775808", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999", "NaN", "1e9", "0x10", " 7", "+5", "1.5", "true", "null",
        "\u0000", "\uFFFD\uFFFD", "é漢字🙂", "%RETRY%FuzzG0", "%DLQ%FuzzG0", "a b", "TagA||", "||", "*", "a\nb",
        "FuzzT0%FuzzT1", "\"quoted\"", "{\"a\":1}", "[1,2]", "-0", "00000000000000000001",
    ];

    private static readonly string[] BlankValues = ["", " ", "\t", "  \n "];

    private static readonly string[] RawJsonValues =
    [
        "1", "-1", "1.5e300", "true", "false", "null", "{}", "[]", "{\"a\":{\"b\":[1,2,{}]}}", "[[[[[[[[[[]]]]]]]]]]",
        "12345678901234567890123", "\"x\"",
    ];

    private readonly IReadOnlyList<FuzzSeedFrame> _seeds;
    private readonly FuzzMutation[] _requestEdits;
    private readonly FuzzMutation[] _byteEdits;
    private readonly bool _validAllowed;
    private readonly long _seed;

    public FrameMutator(IReadOnlyList<FuzzSeedFrame> seeds, long seed, IReadOnlySet<FuzzMutation> excluded)
    {
        _seeds = seeds;
        _seed = seed;
        _requestEdits = RequestEdits.Where(m => !excluded.Contains(m)).ToArray();
        _byteEdits = ByteEdits.Where(m => !excluded.Contains(m)).ToArray();
        _validAllowed = !excluded.Contains(FuzzMutation.Valid);
        if (_requestEdits.Length + _byteEdits.Length == 0 && !_validAllowed)
        {
            throw new ArgumentException("Every mutation class is excluded.", nameof(excluded));
        }
    }

    /// <summary>Frame <paramref name="index"/>, on a connection to <paramref name="target"/>: seeds for that listener four times in five.</summary>
    public MutatedFrame Generate(long index, FuzzTarget target)
    {
        var random = FuzzRandom.ForFrame(_seed, index);
        var seed = PickSeed(ref random, target);
        var frame = seed.Frame.Clone();
        frame.Opaque = unchecked((int)index + 1);
        var applied = new List<FuzzMutation>(3);

        bool valid = _validAllowed && (random.OneIn(20) || _requestEdits.Length + _byteEdits.Length == 0);
        if (!valid)
        {
            int count = 1 + random.Next(3);
            var byteEdits = new List<FuzzMutation>(3);
            for (int i = 0; i < count; i++)
            {
                bool requestEdit = _byteEdits.Length == 0 || (_requestEdits.Length > 0 && random.Next(100) < 75);
                if (requestEdit)
                {
                    var mutation = _requestEdits[random.Next(_requestEdits.Length)];
                    ApplyRequestEdit(mutation, frame, ref random);
                    applied.Add(mutation);
                }
                else
                {
                    byteEdits.Add(_byteEdits[random.Next(_byteEdits.Length)]);
                }
            }

            var bytes = FuzzFrameEncoder.Encode(frame);
            foreach (var mutation in byteEdits)
            {
                bytes = ApplyByteEdit(mutation, bytes, ref random);
                applied.Add(mutation);
            }

            return new MutatedFrame(index, seed.Name, target, applied, bytes);
        }

        applied.Add(FuzzMutation.Valid);
        return new MutatedFrame(index, seed.Name, target, applied, FuzzFrameEncoder.Encode(frame));
    }

    private FuzzSeedFrame PickSeed(ref FuzzRandom random, FuzzTarget target)
    {
        if (!random.OneIn(5))
        {
            // Retry a few picks for one meant for this listener; the corpus holds both kinds.
            for (int attempt = 0; attempt < 8; attempt++)
            {
                var candidate = _seeds[random.Next(_seeds.Count)];
                if (candidate.Target == target)
                {
                    return candidate;
                }
            }
        }

        return _seeds[random.Next(_seeds.Count)];
    }

    private static void ApplyRequestEdit(FuzzMutation mutation, FuzzFrame frame, ref FuzzRandom random)
    {
        var ext = frame.ExtFields;
        switch (mutation)
        {
            case FuzzMutation.RandomCode:
                frame.Code = random.Next(4) switch
                {
                    0 => random.NextInt32() is var code && !AdministrativeCodes.Contains(code) ? code : 9999,
                    1 => random.Next(-5, 1000) is var small && !AdministrativeCodes.Contains(small) ? small : 9998,
                    _ => KnownCodes[random.Next(KnownCodes.Length)],
                };
                break;
            case FuzzMutation.FlagBits:
                frame.Flag = random.Next(3) switch
                {
                    0 => frame.Flag ^ (1 << random.Next(32)),
                    1 => frame.Flag ^ (1 + random.Next(3)), // response and/or oneway bits
                    _ => random.NextInt32(),
                };
                break;
            case FuzzMutation.SerializeType:
                frame.SerializeType = random.OneIn(2) ? (byte)(frame.SerializeType ^ 1) : (byte)random.Next(256);
                break;
            case FuzzMutation.LanguageVersion:
                frame.Language = random.Next(256);
                frame.Version = random.OneIn(2) ? random.NextInt32() : random.Next(-1, 500);
                break;
            case FuzzMutation.ExtShuffle:
                for (int i = ext.Count - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (ext[i], ext[j]) = (ext[j], ext[i]);
                }

                break;
            case FuzzMutation.ExtDuplicate:
                if (ext.Count > 0)
                {
                    var field = ext[random.Next(ext.Count)];
                    int copies = 1 + random.Next(random.OneIn(10) ? 1000 : 3);
                    for (int i = 0; i < copies; i++)
                    {
                        ext.Insert(random.Next(ext.Count + 1), random.OneIn(2) ? field : new(field.Key, GarbageValues[random.Next(GarbageValues.Length)]));
                    }
                }

                break;
            case FuzzMutation.ExtRemove:
                if (ext.Count > 0)
                {
                    ext.RemoveAt(random.Next(ext.Count));
                }

                break;
            case FuzzMutation.ExtHugeValue:
            {
                int size = random.OneIn(50) ? random.Next(256 * 1024, 2 * 1024 * 1024) : random.Next(1024, 64 * 1024);
                string huge = new((char)random.Next('a', 'z' + 1), size);
                if (ext.Count > 0 && random.OneIn(2))
                {
                    int at = random.Next(ext.Count);
                    ext[at] = new(ext[at].Key, huge);
                }
                else
                {
                    ext.Add(new(random.OneIn(4) ? new string('k', random.Next(1, 40_000)) : "huge", huge));
                }

                break;
            }

            case FuzzMutation.ExtManyFields:
            {
                int count = random.OneIn(20) ? random.Next(10_000, 50_000) : random.Next(10, 2_000);
                for (int i = 0; i < count; i++)
                {
                    ext.Add(new("f" + i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture)));
                }

                break;
            }

            case FuzzMutation.ExtGarbageValue:
                if (ext.Count > 0)
                {
                    int edits = 1 + random.Next(3);
                    for (int i = 0; i < edits; i++)
                    {
                        int at = random.Next(ext.Count);
                        ext[at] = new(ext[at].Key, GarbageValues[random.Next(GarbageValues.Length)]);
                    }
                }

                break;
            case FuzzMutation.ExtBlankValue:
                if (ext.Count > 0)
                {
                    int at = random.Next(ext.Count);
                    ext[at] = new(ext[at].Key, BlankValues[random.Next(BlankValues.Length)]);
                }

                break;
            case FuzzMutation.ExtRawJson:
                // Only a JSON header can carry non-string values; values become raw JSON tokens.
                frame.RawJsonValues = true;
                for (int i = 0; i < ext.Count; i++)
                {
                    ext[i] = new(ext[i].Key, random.OneIn(2) ? RawJsonValues[random.Next(RawJsonValues.Length)] : JsonString(ext[i].Value));
                }

                break;
            case FuzzMutation.GarbageBody:
            {
                var body = new byte[random.OneIn(20) ? random.Next(64 * 1024, 1024 * 1024) : random.Next(0, 2048)];
                random.NextBytes(body);
                frame.Body = body;
                break;
            }

            case FuzzMutation.BodyBitFlip:
                if (frame.Body.Length > 0)
                {
                    var body = (byte[])frame.Body.Clone();
                    int flips = 1 + random.Next(8);
                    for (int i = 0; i < flips; i++)
                    {
                        body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    frame.Body = body;
                }

                break;
            case FuzzMutation.HugeRemark:
                frame.Remark = new string('r', random.Next(1, random.OneIn(10) ? 1024 * 1024 : 4096));
                break;
        }
    }

    private static byte[] ApplyByteEdit(FuzzMutation mutation, byte[] bytes, ref FuzzRandom random)
    {
        if (bytes.Length < 8 && mutation != FuzzMutation.AppendGarbage)
        {
            // An earlier edit cut the frame inside its length words: nothing left to edit.
            return bytes;
        }

        switch (mutation)
        {
            case FuzzMutation.BitFlip:
            {
                var copy = (byte[])bytes.Clone();
                int flips = 1 + random.Next(8);
                for (int i = 0; i < flips; i++)
                {
                    // Past the total length: flipping that is TotalLength*'s job, and would mostly stall the stream.
                    int at = copy.Length > 4 ? random.Next(4, copy.Length) : random.Next(copy.Length);
                    copy[at] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            }

            case FuzzMutation.InterestingBytes:
            {
                var copy = (byte[])bytes.Clone();
                if (copy.Length > 8)
                {
                    int at = random.Next(4, copy.Length);
                    byte[] values = [0x00, 0xFF, 0x7F, 0x80, 0x01, (byte)'"', (byte)'{', (byte)'}', (byte)'\\', (byte)':'];
                    int run = 1 + random.Next(Math.Min(8, copy.Length - at));
                    copy.AsSpan(at, run).Fill(values[random.Next(values.Length)]);
                }

                return copy;
            }

            case FuzzMutation.Truncate:
            {
                // A shorter frame whose length prefix says so: the header or body is cut, the frame is whole.
                int keep = random.Next(4, Math.Max(5, bytes.Length));
                var copy = bytes.AsSpan(0, keep).ToArray();
                BinaryPrimitives.WriteInt32BigEndian(copy, keep - 4);
                return copy;
            }

            case FuzzMutation.TruncateIncomplete:
                // The prefix still promises the whole frame: the server waits for bytes that never come.
                return bytes.AsSpan(0, random.Next(0, bytes.Length)).ToArray();
            case FuzzMutation.TotalLengthGrow:
            {
                var copy = (byte[])bytes.Clone();
                int length = BinaryPrimitives.ReadInt32BigEndian(copy);
                BinaryPrimitives.WriteInt32BigEndian(copy, length + 1 + random.Next(random.OneIn(4) ? 1 << 20 : 64));
                return copy;
            }

            case FuzzMutation.TotalLengthShrink:
            {
                var copy = (byte[])bytes.Clone();
                int length = BinaryPrimitives.ReadInt32BigEndian(copy);
                BinaryPrimitives.WriteInt32BigEndian(copy, Math.Max(0, length - 1 - random.Next(Math.Max(1, length))));
                return copy;
            }

            case FuzzMutation.TotalLengthExtreme:
            {
                var copy = (byte[])bytes.Clone();
                int[] values = [0, 1, 2, 3, 4, -1, int.MinValue, int.MaxValue, 16 * 1024 * 1024 - 4, 16 * 1024 * 1024 - 3, 16 * 1024 * 1024];
                BinaryPrimitives.WriteInt32BigEndian(copy, values[random.Next(values.Length)]);
                return copy;
            }

            case FuzzMutation.HeaderLength:
            {
                var copy = (byte[])bytes.Clone();
                if (copy.Length >= 8)
                {
                    int word = BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(4));
                    int headerLength = word & 0xFFFFFF;
                    headerLength = random.Next(3) switch
                    {
                        0 => random.Next(0x1000000),
                        1 => Math.Clamp(headerLength + random.Next(-16, 17), 0, 0xFFFFFF),
                        _ => random.OneIn(2) ? 0 : 0xFFFFFF,
                    };
                    BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(4), (word & unchecked((int)0xFF000000)) | headerLength);
                }

                return copy;
            }

            case FuzzMutation.AppendGarbage:
            {
                var garbage = new byte[random.Next(1, 64)];
                random.NextBytes(garbage);
                if (random.OneIn(2) && garbage.Length >= 4)
                {
                    // A plausible small length, so the garbage is read as a (malformed) frame rather than a stall.
                    BinaryPrimitives.WriteInt32BigEndian(garbage, garbage.Length - 4);
                }

                return [.. bytes, .. garbage];
            }

            default:
                return bytes;
        }
    }

    private static string JsonString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            if (c < ' ')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                continue;
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
