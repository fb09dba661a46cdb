using System.Globalization;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// kubectl's AGE text, as apimachinery's <c>duration.HumanDuration</c>: <c>5s</c>, <c>3m20s</c>, <c>15m</c>,
/// <c>7h5m</c>, <c>20h</c>, <c>2d3h</c>, <c>30d</c>, <c>2y100d</c>, <c>9y</c>.
/// </summary>
/// <remarks>
/// Algorithm: the precision drops as the duration grows — two units up to a boundary, then only the larger one
/// (seconds below 2 minutes, minutes+seconds below 10 minutes, minutes below 3 hours, hours+minutes below 8 hours,
/// hours below 2 days, days+hours below 8 days, days below 2 years, years+days below 8 years). The subtle point: every
/// unit is truncated, never rounded, and a clock skew of up to a second in the future still reads <c>0s</c>.
/// </remarks>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Text($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Text($"{minutes}m") : Text($"{minutes}m{s}s");
        }

        if (minutes < 60 * 3)
        {
            return Text($"{minutes}m");
        }

        var hours = seconds / 3600;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Text($"{hours}h") : Text($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return Text($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Text($"{hours / 24}d") : Text($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Text($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Text($"{hours / 24 / 365}y") : Text($"{hours / 24 / 365}y{dy}d");
        }

        return Text($"{hours / 24 / 365}y");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
