using System.Net;
using System.Text.Json;

namespace RoutingCore.ProxyHost.Cli;

/// <summary>An admin API answer.</summary>
internal sealed record AdminResponse(HttpStatusCode Status, string? MediaType, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public bool IsJson => string.Equals(MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// kubectl's line for an error answer: <c>Error from server (NotFound): services "x" not found</c> from a Kubernetes
    /// Status, else the status name and the body's first line.
    /// </summary>
    public string ErrorLine()
    {
        if (IsJson && TryReadStatus(out var reason, out var message))
        {
            return $"Error from server ({reason}): {message}";
        }

        var firstLine = Body.Split('\n', 2)[0].Trim();
        return $"Error from server ({Status}): {(firstLine.Length > 0 ? firstLine : $"the server answered {(int)Status}")}";
    }

    private bool TryReadStatus(out string reason, out string message)
    {
        (reason, message) = ("", "");
        try
        {
            using var document = JsonDocument.Parse(Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Status"
                && root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
                && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                (reason, message) = (r.GetString()!, m.GetString()!);
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
