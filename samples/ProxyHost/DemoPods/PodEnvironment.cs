using RoutingCore.Model;

namespace RoutingCore.ProxyHost.DemoPods;

/// <summary>A container's environment as the kubelet would set it: literal values and the supported fieldRefs.</summary>
internal static class PodEnvironment
{
    public static Dictionary<string, string> For(Pod pod, Container container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env)
        {
            var value = variable.ValueFrom?.FieldRef?.FieldPath switch
            {
                "metadata.name" => pod.Metadata.Name,
                "metadata.namespace" => pod.Metadata.Namespace,
                "status.podIP" => pod.Status.PodIP ?? "",
                null => variable.Value ?? "",
                _ => "",
            };
            env[variable.Name] = value;
        }

        return env;
    }

    /// <summary>
    /// Expands <c>$(NAME)</c> in a command or argument as the kubelet does: a defined variable is replaced, an undefined
    /// reference stays as written, and <c>$$</c> escapes a literal <c>$</c>.
    /// </summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> env)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 == text.Length)
            {
                result.Append(text[i]);
            }
            else if (text[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (text[i + 1] == '(' && text.IndexOf(')', i + 2) is var close and > 0
                && env.TryGetValue(text[(i + 2)..close], out var value))
            {
                result.Append(value);
                i = close;
            }
            else
            {
                result.Append('$');
            }
        }

        return result.ToString();
    }
}
