using System.Buffers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>What the server must do with the bytes of one mutated frame.</summary>
internal enum StreamOutcome
{
    /// <summary>Every byte forms whole, decodable frames: each request among them must be answered (unless oneway).</summary>
    Decodable,

    /// <summary>The bytes end inside a frame: after a half-close the server must close the connection.</summary>
    Incomplete,

    /// <summary>A frame cannot be decoded (bad length, header, type): the server must close the connection.</summary>
    Malformed,
}

/// <summary>A request the server must answer: its opaque, and whether it may be held (a long poll) or go unanswered.</summary>
internal readonly record struct ExpectedAnswer(int Opaque, int Code, bool MayBeHeld);

/// <summary>
/// The oracle: decodes the bytes exactly as the server's frame decoder does (same codec, same frame limit) and says
/// what must come back. A mutated frame that still decodes is a request like any other and must be answered.
/// </summary>
internal sealed record FrameExpectation(StreamOutcome Outcome, IReadOnlyList<ExpectedAnswer> Answers, string? Error)
{
    public bool ClosesConnection => Outcome != StreamOutcome.Decodable;

    public static FrameExpectation Of(byte[] bytes, int maxFrameLength)
    {
        var answers = new List<ExpectedAnswer>(1);
        var buffer = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (RemotingCommandCodec.TryReadFrame(ref buffer, maxFrameLength, out var command))
            {
                // The server never answers a response (it looks up its pending table) nor a oneway request.
                if (!command!.IsResponse && !command.IsOneway)
                {
                    answers.Add(new ExpectedAnswer(command.Opaque, command.Code, MayGoUnanswered(command.Code)));
                }
            }
        }
        catch (RemotingProtocolException exception)
        {
            return new FrameExpectation(StreamOutcome.Malformed, answers, exception.Error + ": " + exception.Message);
        }

        return new FrameExpectation(buffer.IsEmpty ? StreamOutcome.Decodable : StreamOutcome.Incomplete, answers, null);
    }

    /// <summary>
    /// PULL_MESSAGE may be held as long as its header asks; END_TRANSACTION is answered with nothing, as Apache's
    /// EndTransactionProcessor returns null, when commitOrRollback is neither commit nor rollback.
    /// </summary>
    private static bool MayGoUnanswered(int code) => code is RequestCode.PullMessage or RequestCode.EndTransaction;
}
