using RoutingCore.Model;

namespace RoutingCore.Validation;

/// <summary>Service port rules: each port (SVC-V5), nodePort on ClusterIP (SVC-V11) and duplicates (SVC-V12).</summary>
internal static class ServicePortRules
{
    private static readonly FieldPath Ports = FieldPath.Root("spec").Child("ports");

    /// <summary>SVC-V5, per port: name (required when there are several; a unique DNS-1123 label), port, protocol, targetPort, appProtocol.</summary>
    public static void ValidatePorts(ServiceSpec spec, List<FieldError> errors)
    {
        var ports = spec.Ports.OrEmpty();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Length; i++)
        {
            var port = ports[i];
            var path = Ports.Index(i);
            if (ports.Length > 1 && port.Name.Length == 0)
            {
                errors.Add(FieldError.Required(path.Child("name")));
            }
            else if (port.Name.Length > 0)
            {
                FieldRules.Dns1123Label(errors, path.Child("name"), port.Name);
                if (!names.Add(port.Name))
                {
                    errors.Add(FieldError.Duplicate(path.Child("name"), port.Name));
                }
            }

            FieldRules.PortNumber(errors, path.Child("port"), port.Port);
            FieldRules.Protocol(errors, path.Child("protocol"), port.Protocol);
            FieldRules.PortNumberOrName(errors, path.Child("targetPort"), port.TargetPort);
            if (port.AppProtocol is { } appProtocol)
            {
                FieldRules.QualifiedName(errors, path.Child("appProtocol"), appProtocol);
            }
        }
    }

    /// <summary>SVC-V11 then SVC-V12: no nodePort on ClusterIP; (protocol, nodePort) and (protocol, port) unique.</summary>
    public static void ValidateNodePorts(ServiceSpec spec, List<FieldError> errors)
    {
        var ports = spec.Ports.OrEmpty();
        if (spec.Type == ServiceTypes.ClusterIP)
        {
            for (var i = 0; i < ports.Length; i++)
            {
                if (ports[i].NodePort != 0)
                {
                    errors.Add(FieldError.Forbidden(Ports.Index(i).Child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }

        // The same number under another protocol (53/TCP and 53/UDP) is a different key, so it is allowed.
        var nodePorts = new HashSet<(string, int)>();
        for (var i = 0; i < ports.Length; i++)
        {
            if (ports[i].NodePort != 0 && !nodePorts.Add((ports[i].Protocol, ports[i].NodePort)))
            {
                errors.Add(FieldError.Duplicate(Ports.Index(i).Child("nodePort"), ports[i].NodePort));
            }
        }

        var servicePorts = new HashSet<ProtocolPort>();
        for (var i = 0; i < ports.Length; i++)
        {
            var key = new ProtocolPort(ports[i].Protocol, ports[i].Port);
            if (!servicePorts.Add(key))
            {
                errors.Add(FieldError.Duplicate(Ports.Index(i), key));
            }
        }
    }

    /// <summary>The composite value of a duplicate-port error: upstream shows the (protocol, port) key it compared.</summary>
    /// <param name="Protocol">The port's protocol.</param>
    /// <param name="Port">The port number.</param>
    internal sealed record ProtocolPort(string Protocol, int Port);
}
