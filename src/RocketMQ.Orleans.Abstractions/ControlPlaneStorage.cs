namespace RocketMQ.Orleans.Abstractions;

/// <summary>
/// The grain storage provider every control-plane grain persists through. The embedded default registers a file
/// store under this name; a scaled-out host registers Orleans' Redis or ADO.NET grain storage under the same
/// name instead.
/// </summary>
public static class ControlPlaneStorage
{
    public const string ProviderName = "RocketMQ";
}
