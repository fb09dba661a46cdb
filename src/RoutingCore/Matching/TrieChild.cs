namespace RoutingCore.Matching;

/// <summary>One edge of a <see cref="SegmentTrie"/> node: the segment text (a slice of the shared key buffer) and the child.</summary>
/// <param name="KeyStart">Start of the segment in the trie's key buffer.</param>
/// <param name="KeyLength">Length of the segment; a node's edges are sorted by it, then ordinally.</param>
/// <param name="Node">The child node.</param>
internal readonly record struct TrieChild(int KeyStart, int KeyLength, int Node);
