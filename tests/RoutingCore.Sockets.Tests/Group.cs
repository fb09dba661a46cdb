namespace RoutingCore.Sockets.Tests;

/// <summary>Several backends started together and disposed together, whatever the test's outcome.</summary>
internal sealed class Group<T> : List<T>, IAsyncDisposable
    where T : IAsyncDisposable
{
    public Group(IEnumerable<T> items)
        : base(items)
    {
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in this)
        {
            await item.DisposeAsync();
        }
    }
}

/// <summary>Creates a <see cref="Group{T}"/>.</summary>
internal static class Group
{
    public static Group<T> Of<T>(IEnumerable<T> items)
        where T : IAsyncDisposable => new(items);
}
