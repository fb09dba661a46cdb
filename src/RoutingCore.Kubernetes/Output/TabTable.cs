using System.Text;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// Aligns rows of cells as kubectl does: Go's <c>text/tabwriter</c> with kubectl's settings (minimum cell width 6,
/// padding 3, space padding, no flags).
/// </summary>
/// <remarks>
/// Algorithm: every column but the last is as wide as its widest cell plus 3, and at least 6; cells are left-aligned
/// and padded with spaces to that width. The subtle point is the last column: tabwriter only aligns tab-terminated
/// cells, and kubectl ends each row without a tab, so the last cell is written as is, with no trailing spaces.
/// Widths count runes, as Go does.
/// </remarks>
internal sealed class TabTable
{
    private const int MinWidth = 6;
    private const int Padding = 3;

    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var columns = _rows.Count == 0 ? 0 : _rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], Math.Max(MinWidth, Width(row[i]) + Padding));
            }
        }

        var text = new StringBuilder();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(row[i]);
                if (i < row.Length - 1)
                {
                    text.Append(' ', widths[i] - Width(row[i]));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static int Width(string cell)
    {
        var runes = 0;
        foreach (var _ in cell.EnumerateRunes())
        {
            runes++;
        }

        return runes;
    }
}
