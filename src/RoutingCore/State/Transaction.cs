using RoutingCore.Model;
using RoutingCore.Validation;

namespace RoutingCore.State;

/// <summary>
/// One atomic write to the store: a single create/update/delete, or a whole batch. It runs the M-1 pipeline for each
/// object — defaulting, admission, validation, allocation, persistence — against an overlay of changed entries over the
/// snapshot it started from. Allocations take effect at once and are undone if the transaction (or, inside a batch, the
/// object's own step) fails; releases wait for the commit, so a refused write never frees what the stored state holds.
/// </summary>
/// <remarks>Runs under the store's write lock; not thread-safe by itself.</remarks>
internal sealed class Transaction
{
    private readonly ClusterState _store;
    private readonly StoreSnapshot _base;
    private readonly Dictionary<ObjectKey, KubeObject?> _overlay = [];
    private readonly List<Action> _undo = [];
    private readonly List<Action> _onCommit = [];
    private readonly List<(ObjectKey Key, bool Had, KubeObject? Previous)> _journal = [];
    private long _resourceVersion;

    public Transaction(ClusterState store, StoreSnapshot snapshot)
    {
        _store = store;
        _base = snapshot;
        _resourceVersion = snapshot.ResourceVersion;
    }

    public List<WatchEvent> Events { get; } = [];

    public ClusterState Store => _store;

    public DateTimeOffset Now => _store.Now;

    public KubeObject? Get(in ObjectKey key) => _overlay.TryGetValue(key, out var obj) ? obj : _base.Get(key);

    /// <summary>The objects of a kind as this transaction sees them (base plus overlay).</summary>
    public IEnumerable<KubeObject> List(ObjectKind kind, string? @namespace)
    {
        foreach (var obj in _base.List(kind, @namespace))
        {
            if (!_overlay.ContainsKey(ObjectKey.Of(obj)))
            {
                yield return obj;
            }
        }

        foreach (var (key, obj) in _overlay)
        {
            if (obj is not null && key.Kind == kind && (@namespace is null || key.Namespace == @namespace))
            {
                yield return obj;
            }
        }
    }

    /// <summary>Registers an undo action for an allocation made by the current step.</summary>
    public void OnRollback(Action undo) => _undo.Add(undo);

    /// <summary>Registers an action (a release) that runs only if the transaction commits.</summary>
    public void OnCommit(Action action) => _onCommit.Add(action);

    /// <summary>Runs <paramref name="step"/> as one unit: on failure its allocations are undone and nothing it wrote stays.</summary>
    public T Step<T>(Func<Transaction, T> step)
    {
        var undoMark = _undo.Count;
        var commitMark = _onCommit.Count;
        var eventMark = Events.Count;
        var journalMark = _journal.Count;
        var rvMark = _resourceVersion;
        try
        {
            return step(this);
        }
        catch
        {
            UndoTo(undoMark);
            _onCommit.RemoveRange(commitMark, _onCommit.Count - commitMark);
            Events.RemoveRange(eventMark, Events.Count - eventMark);
            for (var i = _journal.Count - 1; i >= journalMark; i--)
            {
                var (key, had, previous) = _journal[i];
                if (had)
                {
                    _overlay[key] = previous;
                }
                else
                {
                    _overlay.Remove(key);
                }
            }

            _journal.RemoveRange(journalMark, _journal.Count - journalMark);
            _resourceVersion = rvMark;
            throw;
        }
    }

    public void Put(KubeObject obj, KubeObject? old)
    {
        var rv = ++_resourceVersion;
        var stored = obj.WithMetadata(obj.Metadata with { ResourceVersion = rv.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Record(ObjectKey.Of(stored));
        _overlay[ObjectKey.Of(stored)] = stored;
        Events.Add(new WatchEvent(old is null ? WatchEventType.Added : WatchEventType.Modified, stored, old, rv));
        LastWritten = stored;
    }

    public void Remove(KubeObject old)
    {
        var rv = ++_resourceVersion;
        Record(ObjectKey.Of(old));
        _overlay[ObjectKey.Of(old)] = null;
        Events.Add(new WatchEvent(WatchEventType.Deleted, old, old, rv));
    }

    /// <summary>The object most recently stored by <see cref="Put"/>, with its new resource version.</summary>
    public KubeObject? LastWritten { get; private set; }

    public void Rollback() => UndoTo(0);

    /// <summary>Runs the deferred releases and returns the next snapshot, or null when nothing changed.</summary>
    public StoreSnapshot? Commit()
    {
        if (_overlay.Count == 0)
        {
            return null;
        }

        foreach (var action in _onCommit)
        {
            action();
        }

        return _base.With(_overlay, _resourceVersion);
    }

    private void Record(ObjectKey key) =>
        _journal.Add(_overlay.TryGetValue(key, out var previous) ? (key, true, previous) : (key, false, null));

    private void UndoTo(int mark)
    {
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            _undo[i]();
        }

        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    /// <summary>Throws the Invalid error for <paramref name="obj"/> when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfInvalid(KubeObject obj, List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(obj.Kind, obj.Metadata.Namespace, obj.Metadata.Name, errors);
        }
    }
}
