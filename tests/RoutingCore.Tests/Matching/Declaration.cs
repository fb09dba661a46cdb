using RoutingCore.Matching;

namespace RoutingCore.Tests.Matching;

/// <summary>What a declaration adds.</summary>
public enum DeclarationKind
{
    Path,
    Host,
    GroupFallback,
    GlobalFallback,
}

/// <summary>One builder call, replayable into the compiled builder and into the <see cref="ReferenceMatcher"/>.</summary>
public sealed record Declaration(DeclarationKind Kind, string? Host, PathMatchType Type, string? Path, long Order)
{
    public static Declaration PathRule(string? host, PathMatchType type, string? path, long order = 0) => new(DeclarationKind.Path, host, type, path, order);

    public override string ToString() => Kind switch
    {
        DeclarationKind.Path => $"{Type} '{Path}' @{Host ?? "*any*"} o{Order}",
        DeclarationKind.Host => $"Host @{Host ?? "*any*"}",
        DeclarationKind.GroupFallback => $"GroupFallback @{Host ?? "*any*"} o{Order}",
        _ => $"GlobalFallback o{Order}",
    };

    /// <summary>Feeds declarations to a builder whose values are the rule ids (so a value check is an id check).</summary>
    public static HostPathMatcher<int> Compile(IEnumerable<Declaration> declarations)
    {
        var builder = new HostPathMatcherBuilder<int>();
        foreach (var d in declarations)
        {
            var id = builder.Count;
            switch (d.Kind)
            {
                case DeclarationKind.Path:
                    builder.AddPath(d.Host, d.Type, d.Path, id, d.Order);
                    break;
                case DeclarationKind.Host:
                    builder.AddHost(d.Host);
                    break;
                case DeclarationKind.GroupFallback:
                    builder.AddGroupFallback(d.Host, id, d.Order);
                    break;
                default:
                    builder.AddGlobalFallback(id, d.Order);
                    break;
            }
        }

        return builder.Build();
    }
}
