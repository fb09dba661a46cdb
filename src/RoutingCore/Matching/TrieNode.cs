using System.Runtime.InteropServices;

namespace RoutingCore.Matching;

/// <summary>
/// One node of a <see cref="SegmentTrie"/>: the path segments from the group root spell a path; the node holds the
/// winning Exact rule for that path and the winning Prefix/ImplementationSpecific rule whose trimmed path is that path.
/// </summary>
/// <param name="Exact">The winning Exact rule ending here, or -1.</param>
/// <param name="Prefix">The winning Prefix or ImplementationSpecific rule for this path, or -1.</param>
/// <param name="ChildStart">Index of the first child key; for a wide node, the index of its dictionary.</param>
/// <param name="ChildCount">Number of children.</param>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct TrieNode(int Exact, int Prefix, int ChildStart, int ChildCount);
