using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>
/// Per-container checks of a pod, as upstream's <c>validateContainerCommon</c> for the fields RoutingCore models:
/// name, ports (POD-2), environment (including <c>valueFrom.fieldRef</c>) and the readiness probe.
/// </summary>
internal static class ContainerRules
{
    /// <summary>The pod fields an environment variable may take its value from.</summary>
    public static readonly string[] FieldRefPaths = ["metadata.name", "metadata.namespace", "status.podIP"];

    private static readonly string[] Schemes = ["HTTP", "HTTPS"];

    /// <summary>Name, ports and env of one container. <paramref name="portNames"/> spans the whole pod (POD-2).</summary>
    public static void ValidateCommon(Container container, FieldPath path, HashSet<string> portNames, List<FieldError> errors)
    {
        if (container.Name.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("name")));
        }
        else
        {
            FieldRules.Dns1123Label(errors, path.Child("name"), container.Name);
        }

        var ports = container.Ports.OrEmpty();
        for (var i = 0; i < ports.Length; i++)
        {
            ValidatePort(ports[i], path.Child("ports").Index(i), portNames, errors);
        }

        var env = container.Env.OrEmpty();
        for (var i = 0; i < env.Length; i++)
        {
            ValidateEnv(env[i], path.Child("env").Index(i), errors);
        }
    }

    /// <summary>A readiness probe: exactly one handler, a valid target port, non-negative timings.</summary>
    public static void ValidateReadinessProbe(Probe probe, FieldPath path, List<FieldError> errors)
    {
        if (probe.HttpGet is { } get)
        {
            var getPath = path.Child("httpGet");
            if (get.Path.Length == 0)
            {
                errors.Add(FieldError.Required(getPath.Child("path")));
            }

            FieldRules.PortNumberOrName(errors, getPath.Child("port"), get.Port);
            if (Array.IndexOf(Schemes, get.Scheme) < 0)
            {
                errors.Add(FieldError.NotSupported(getPath.Child("scheme"), get.Scheme, Schemes));
            }
        }

        if (probe.TcpSocket is { } tcp)
        {
            if (probe.HttpGet is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child("tcpSocket"), "may not specify more than 1 handler type"));
            }
            else
            {
                FieldRules.PortNumberOrName(errors, path.Child("tcpSocket", "port"), tcp.Port);
            }
        }

        if (probe.HttpGet is null && probe.TcpSocket is null)
        {
            errors.Add(FieldError.Required(path, "must specify a handler type"));
        }

        FieldRules.NonNegative(errors, path.Child("initialDelaySeconds"), probe.InitialDelaySeconds);
        FieldRules.NonNegative(errors, path.Child("timeoutSeconds"), probe.TimeoutSeconds);
        FieldRules.NonNegative(errors, path.Child("periodSeconds"), probe.PeriodSeconds);
        FieldRules.NonNegative(errors, path.Child("successThreshold"), probe.SuccessThreshold);
        FieldRules.NonNegative(errors, path.Child("failureThreshold"), probe.FailureThreshold);
    }

    // POD-2. A name that fails its format is not also reported as a duplicate, as upstream.
    private static void ValidatePort(ContainerPort port, FieldPath path, HashSet<string> portNames, List<FieldError> errors)
    {
        if (!string.IsNullOrEmpty(port.Name))
        {
            var messages = NameRules.PortName(port.Name);
            if (messages.Count > 0)
            {
                FieldRules.AddInvalid(errors, path.Child("name"), port.Name, messages);
            }
            else if (!portNames.Add(port.Name))
            {
                errors.Add(FieldError.Duplicate(path.Child("name"), port.Name));
            }
        }

        if (port.ContainerPortNumber == 0)
        {
            errors.Add(FieldError.Required(path.Child("containerPort")));
        }
        else
        {
            FieldRules.PortNumber(errors, path.Child("containerPort"), port.ContainerPortNumber);
        }

        FieldRules.Protocol(errors, path.Child("protocol"), port.Protocol);
    }

    // Names follow upstream's relaxed rule (the default since RelaxedEnvironmentVariableValidation went GA).
    private static void ValidateEnv(EnvVar env, FieldPath path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(env.Name))
        {
            errors.Add(FieldError.Required(path.Child("name")));
        }
        else
        {
            FieldRules.AddInvalid(errors, path.Child("name"), env.Name, EnvVarName(env.Name));
        }

        if (env.ValueFrom is not { } source)
        {
            return;
        }

        var fromPath = path.Child("valueFrom");
        if (source.FieldRef is not { } fieldRef)
        {
            errors.Add(FieldError.Invalid(fromPath, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
            return;
        }

        var fieldPath = fromPath.Child("fieldRef", "fieldPath");
        if (fieldRef.FieldPath.Length == 0)
        {
            errors.Add(FieldError.Required(fieldPath));
        }
        else if (Array.IndexOf(FieldRefPaths, fieldRef.FieldPath) < 0)
        {
            errors.Add(FieldError.NotSupported(fieldPath, fieldRef.FieldPath, FieldRefPaths));
        }

        if (!string.IsNullOrEmpty(env.Value))
        {
            errors.Add(FieldError.Invalid(fromPath, "", "may not be specified when `value` is not empty"));
        }
    }

    private static List<string> EnvVarName(string name)
    {
        var messages = new List<string>();
        foreach (var c in name)
        {
            if (c is < ' ' or > '~' or '=')
            {
                messages.Add("a valid environment variable name must consist only of printable ASCII characters other than '='");
                break;
            }
        }

        if (name is "." or "..")
        {
            messages.Add($"must not be '{name}'");
        }
        else if (name.StartsWith("..", StringComparison.Ordinal))
        {
            messages.Add("must not start with '..'");
        }

        return messages;
    }
}
