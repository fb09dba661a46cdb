using System.Text;

namespace RoutingCore.Kubernetes.Manifests;

/// <summary>
/// Validates base64 text the way kube-apiserver decodes Secret <c>data</c> (Go's <c>base64.StdEncoding</c>), so a bad
/// value is reported with Go's message: <c>illegal base64 data at input byte 4</c>.
/// </summary>
/// <remarks>
/// Algorithm: Go's <c>decodeQuantum</c>, one 4-character quantum at a time over the UTF-8 bytes; CR and LF are
/// skipped anywhere. The subtle point is the reported offset: an unknown character reports its own position, a
/// missing final character reports the start of the unfinished quantum (<c>si - j</c>), and text after the padding
/// reports where that text begins. .NET's decoder accepts spaces and tabs, which Go refuses, so it cannot stand in.
/// </remarks>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The byte offset Go reports for <paramref name="text"/>, or null when it decodes.</summary>
    public static int? FindError(string text)
    {
        var src = Encoding.UTF8.GetBytes(text);
        var si = 0;
        while (true)
        {
            var j = 0;
            for (; j < 4; j++)
            {
                if (si == src.Length)
                {
                    // A padded encoding must end on a quantum boundary.
                    return j == 0 ? null : si - j;
                }

                var c = src[si++];
                if (c < 128 && Alphabet.Contains((char)c, StringComparison.Ordinal))
                {
                    continue;
                }

                if (c is (byte)'\n' or (byte)'\r')
                {
                    j--;
                    continue;
                }

                if (c != (byte)'=')
                {
                    return si - 1;
                }

                return Padding(src, si, j);
            }
        }
    }

    /// <summary>After a '=' at quantum position <paramref name="j"/>: the padding must be complete and end the input.</summary>
    private static int? Padding(byte[] src, int si, int j)
    {
        switch (j)
        {
            case 0 or 1:
                return si - 1;
            case 2:
                si = SkipNewlines(src, si);
                if (si == src.Length)
                {
                    return src.Length;
                }

                if (src[si] != (byte)'=')
                {
                    return si - 1;
                }

                si++;
                break;
        }

        si = SkipNewlines(src, si);
        return si < src.Length ? si : null;
    }

    private static int SkipNewlines(byte[] src, int si)
    {
        while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
        {
            si++;
        }

        return si;
    }
}
