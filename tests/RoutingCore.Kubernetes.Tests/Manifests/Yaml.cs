namespace RoutingCore.Kubernetes.Tests.Manifests;

/// <summary>Small manifest texts for the apply and watch tests.</summary>
internal static class Yaml
{
    public static string Service(string name, int port = 80, string ns = "default") => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          selector:
            app: {name}
          ports:
          - port: {port}

        """;

    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}

        """;

    public static string Documents(params string[] documents) => string.Join("---\n", documents);
}
