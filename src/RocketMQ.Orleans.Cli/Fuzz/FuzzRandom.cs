namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>
/// SplitMix64: a tiny deterministic generator seeded per frame, so frame <c>k</c> of seed <c>s</c> is the same bytes on
/// every machine and run, whatever the scheduling of connections (System.Random's algorithm is not a contract).
/// </summary>
internal struct FuzzRandom
{
    private ulong _state;

    public FuzzRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>The generator of one frame: seed and index mixed so neighbouring frames are unrelated.</summary>
    public static FuzzRandom ForFrame(long seed, long frameIndex) =>
        new(Mix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Mix(unchecked((ulong)frameIndex + 0x632BE59BD9B4E019UL))));

    public ulong NextUInt64()
    {
        unchecked
        {
            return Mix(_state += 0x9E3779B97F4A7C15UL);
        }
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) =>
        maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public int NextInt32() => unchecked((int)NextUInt64());

    /// <summary>True with probability 1/<paramref name="n"/>.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    public void NextBytes(Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)NextUInt64();
        }
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
