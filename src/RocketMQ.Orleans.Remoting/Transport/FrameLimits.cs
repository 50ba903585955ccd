namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// What a connection accepts from its peer before buffering a frame: the whole frame (length field included) and its
/// header. Both are checked on the 8-byte prefix, so a peer declaring a megabyte header is refused before a byte of it
/// is buffered or turned into strings.
/// </summary>
internal readonly record struct FrameLimits(int MaxFrameLength, int MaxHeaderLength);
