using System.Threading.Channels;
using RoutingCore.Model;
using RoutingCore.Selectors;

namespace RoutingCore.State;

/// <summary>
/// The in-memory, versioned object store every RoutingCore component reads (M-1, M-2): it validates, defaults, admits,
/// allocates and persists Kubernetes objects, publishes each change to watchers and controllers, and gives readers
/// lock-free consistent views.
/// </summary>
/// <remarks>
/// <para>Writes are serialised by one lock and are atomic: a refused write (or a refused object of a batch) stores
/// nothing and undoes every allocation it made. Reads (<see cref="Current"/>, <see cref="Get{T}"/>,
/// <see cref="List{T}(string?)"/>) never lock: each reads one immutable snapshot.</para>
/// <para>Controllers run when <see cref="Sync"/> is called (deterministic, for tests and batch tools) or continuously
/// under <see cref="RunControllersAsync"/> (for hosts). Changes queue for the controllers until one of the two runs, so
/// a store that is written to must also be synced.</para>
/// </remarks>
/// <example>
/// <code>
/// var state = new ClusterState(new ClusterStateOptions { ServiceCidr = "127.2.0.0/16" });
/// state.Create(new Service { Metadata = new() { Name = "web" }, Spec = new() { Ports = [new() { Port = 80 }] } });
/// state.Sync();
/// var web = state.Get&lt;Service&gt;("default", "web")!; // ClusterIP allocated, defaults applied
/// </code>
/// </example>
public sealed class ClusterState
{
    private readonly Lock _writeLock = new();
    private readonly Lock _syncLock = new();
    private readonly Lock _pendingLock = new();
    private readonly List<ControllerSlot> _controllers = [];
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ClusterWatch[] _watchers = [];
    private StoreSnapshot _snapshot = StoreSnapshot.Empty;

    /// <summary>Creates a store with the bootstrap namespaces (NS-3), the <c>kubernetes</c> Service (IPA-3) and the built-in controllers.</summary>
    public ClusterState(ClusterStateOptions? options = null)
    {
        Options = options ?? new ClusterStateOptions();
        Random = Options.RandomSeed is { } seed ? new Random(seed) : new Random();
        Allocations = new ServiceAllocations(Options, Random);
        Bootstrap.Run(this);
        foreach (var controller in BuiltInControllers.Create(this))
        {
            AddController(controller);
        }
    }

    /// <summary>The store's configuration.</summary>
    public ClusterStateOptions Options { get; }

    /// <summary>The current state, as one consistent immutable view.</summary>
    public ClusterView Current => new(Volatile.Read(ref _snapshot));

    /// <summary>The resource version of the latest write.</summary>
    public long ResourceVersion => Volatile.Read(ref _snapshot).ResourceVersion;

    /// <summary>Raised (on the writing thread) when the store or a controller reports a warning.</summary>
    public event EventHandler<ClusterWarning>? Warning;

    internal Random Random { get; }

    internal ServiceAllocations Allocations { get; }

    internal DateTimeOffset Now
    {
        get
        {
            // API timestamps have second precision.
            var now = Options.TimeProvider.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    /// <summary>The stored object, or null.</summary>
    /// <remarks>For cluster-scoped kinds pass an empty namespace.</remarks>
    public T? Get<T>(string @namespace, string name)
        where T : KubeObject => Current.Get<T>(@namespace, name);

    /// <summary>Every stored object of type <typeparamref name="T"/> in <paramref name="namespace"/> (null: all), by namespace then name.</summary>
    public IEnumerable<T> List<T>(string? @namespace = null)
        where T : KubeObject => Current.List<T>(@namespace);

    /// <summary>The stored objects of type <typeparamref name="T"/> in <paramref name="namespace"/> (null: all) whose labels match <paramref name="selector"/>.</summary>
    /// <example><c>state.List&lt;Pod&gt;("shop", Selector.Parse("app=web,tier in (front)"))</c></example>
    public IEnumerable<T> List<T>(string? @namespace, Selector selector)
        where T : KubeObject => Current.List<T>(@namespace, selector);

    /// <summary>Creates <paramref name="obj"/>; returns it as stored (defaulted, allocated, versioned).</summary>
    /// <exception cref="ApiException">Invalid, AlreadyExists, NotFound (namespace) or InternalError (a range is full).</exception>
    public T Create<T>(T obj)
        where T : KubeObject => (T)Write(txn => WritePipeline.Create(txn, obj));

    /// <summary>Updates the spec and metadata of a stored object (its status is kept); returns it as stored.</summary>
    /// <remarks>A non-empty <c>metadata.resourceVersion</c> must equal the stored one, or the update fails with Conflict.</remarks>
    /// <exception cref="ApiException">Invalid, NotFound or Conflict.</exception>
    public T Update<T>(T obj)
        where T : KubeObject => (T)Write(txn => WritePipeline.Update(txn, obj));

    /// <summary>Replaces the status of a stored Service, Ingress or Pod (its spec and metadata are kept); returns it as stored.</summary>
    /// <exception cref="ApiException">Invalid, NotFound or Conflict.</exception>
    public T UpdateStatus<T>(T obj)
        where T : KubeObject => (T)Write(txn => WritePipeline.UpdateStatus(txn, obj));

    /// <summary>Creates the object, or updates it when one with its kind, namespace and name exists (kubectl apply).</summary>
    /// <exception cref="ApiException">As <see cref="Create{T}"/> and <see cref="Update{T}"/>.</exception>
    public T Apply<T>(T obj)
        where T : KubeObject => (T)Write(txn => WritePipeline.Apply(txn, obj));

    /// <summary>Deletes the object (Pods: gracefully when <see cref="DeleteOptions.GracePeriodSeconds"/> is set).</summary>
    /// <exception cref="ApiException">NotFound, or Forbidden for a protected namespace.</exception>
    public void Delete<T>(string @namespace, string name, DeleteOptions? options = null)
        where T : KubeObject => Delete(new ObjectKey(KindOf<T>.Kind, @namespace, name), options);

    /// <summary>Deletes the object with <paramref name="key"/>.</summary>
    /// <exception cref="ApiException">NotFound, or Forbidden for a protected namespace.</exception>
    public void Delete(ObjectKey key, DeleteOptions? options = null) =>
        Write(txn => WritePipeline.Delete(txn, key, options ?? DeleteOptions.Immediate));

    /// <summary>
    /// Applies every object (create or update), all or none: when any object is refused, nothing is stored, every
    /// allocation is undone, and the <see cref="BatchApplyException"/> lists every refused object. Namespaces and
    /// IngressClasses are applied before the objects that may refer to them.
    /// </summary>
    /// <returns>The objects as stored, in the order given.</returns>
    public IReadOnlyList<KubeObject> ApplyBatch(IEnumerable<KubeObject> objects) => ApplyBatch(objects, []);

    /// <summary>
    /// Applies every object, then deletes every key, as one atomic write (a manifest apply with prune): when any object
    /// or delete is refused, nothing is stored or deleted. A key that names no stored object (already gone, or removed
    /// by an earlier delete of its namespace) is skipped, not refused.
    /// </summary>
    /// <param name="objects">The objects to create or update.</param>
    /// <param name="deletes">The objects to delete, in this order, after every apply.</param>
    /// <returns>The objects as stored, in the order given.</returns>
    /// <exception cref="BatchApplyException">
    /// Something was refused. A failure's index below the number of objects names an object; index
    /// <c>objects.Count + i</c> names the <c>i</c>-th delete.
    /// </exception>
    public IReadOnlyList<KubeObject> ApplyBatch(IEnumerable<KubeObject> objects, IEnumerable<ObjectKey> deletes)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(deletes);
        var items = objects.Select((obj, index) => (obj, index)).OrderBy(item => item.obj.Kind).ThenBy(item => item.index).ToList();
        var removals = deletes.ToList();
        var stored = new KubeObject[items.Count];
        Write(txn =>
        {
            var failures = new List<BatchFailure>();
            foreach (var (obj, index) in items)
            {
                try
                {
                    stored[index] = txn.Step(t => WritePipeline.Apply(t, obj));
                }
                catch (ApiException error)
                {
                    failures.Add(new BatchFailure(index, error));
                }
            }

            for (var i = 0; i < removals.Count; i++)
            {
                var key = removals[i];
                if (key.Kind.IsNamespaced() && key.Namespace.Length == 0)
                {
                    key = key with { Namespace = "default" };
                }

                try
                {
                    txn.Step(t => t.Get(key) is null ? null : WritePipeline.Delete(t, key, DeleteOptions.Immediate));
                }
                catch (ApiException error)
                {
                    failures.Add(new BatchFailure(items.Count + i, error));
                }
            }

            if (failures.Count > 0)
            {
                throw new BatchApplyException(failures.OrderBy(f => f.Index).ToList());
            }

            return null!;
        });
        return stored;
    }

    /// <summary>Subscribes to changes; see <see cref="ClusterWatch"/> for the back-pressure policy.</summary>
    /// <param name="capacity">Events that may queue before the subscriber is told to resync; default <see cref="ClusterStateOptions.WatchCapacity"/>.</param>
    public ClusterWatch Watch(int? capacity = null)
    {
        lock (_writeLock)
        {
            var watch = new ClusterWatch(this, Current, Math.Max(1, capacity ?? Options.WatchCapacity));
            _watchers = [.. _watchers, watch];
            return watch;
        }
    }

    /// <summary>Adds a controller; it first receives an Added event for every stored object, at the next <see cref="Sync"/>.</summary>
    public void AddController(IClusterController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        lock (_writeLock)
        {
            var slot = new ControllerSlot(controller);
            foreach (var kind in ObjectKinds.All)
            {
                foreach (var obj in _snapshot.List(kind, null))
                {
                    slot.Pending.Add(new WatchEvent(WatchEventType.Added, obj, null, _snapshot.ResourceVersion));
                }
            }

            lock (_pendingLock)
            {
                _controllers.Add(slot);
            }
        }

        _changed.Writer.TryWrite(true);
    }

    /// <summary>
    /// Runs every controller until none has changes left, so that derived state (allocations, EndpointSlices, status,
    /// routing tables) reflects every write made before the call (M-2).
    /// </summary>
    /// <exception cref="InvalidOperationException">The controllers kept changing state after 1,000 rounds (a controller bug).</exception>
    public void Sync()
    {
        lock (_syncLock)
        {
            for (var round = 0; round < 1000; round++)
            {
                var worked = false;
                ControllerSlot[] slots;
                lock (_pendingLock)
                {
                    slots = [.. _controllers];
                }

                foreach (var slot in slots)
                {
                    List<WatchEvent> changes;
                    lock (_pendingLock)
                    {
                        if (slot.Pending.Count == 0)
                        {
                            continue;
                        }

                        changes = slot.Pending;
                        slot.Pending = [];
                    }

                    try
                    {
                        slot.Controller.Reconcile(this, changes);
                    }
                    catch (ApiException error)
                    {
                        // A refused write is the controller's problem to report, not a reason to stop the others.
                        ReportWarning(new ClusterWarning(new ObjectKey(error.Kind, error.ObjectNamespace, error.ObjectName), "ControllerWriteRefused",
                            $"{slot.Controller.GetType().Name}: {error.Message}"));
                    }

                    worked = true;
                }

                if (!worked)
                {
                    return;
                }
            }

            throw new InvalidOperationException("The controllers did not settle after 1000 rounds.");
        }
    }

    /// <summary>Runs the controllers whenever the store changes, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _changed.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _changed.Reader.TryRead(out _);
                Sync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Raises <see cref="Warning"/>.</summary>
    internal void ReportWarning(ClusterWarning warning) => Warning?.Invoke(this, warning);

    internal void Unsubscribe(ClusterWatch watch)
    {
        lock (_writeLock)
        {
            _watchers = _watchers.Where(w => !ReferenceEquals(w, watch)).ToArray();
        }
    }

    private KubeObject Write(Func<Transaction, KubeObject?> write)
    {
        lock (_writeLock)
        {
            var txn = new Transaction(this, _snapshot);
            KubeObject? result;
            StoreSnapshot? next;
            try
            {
                result = write(txn);
                next = txn.Commit();
            }
            catch
            {
                txn.Rollback();
                throw;
            }

            if (next is not null)
            {
                Volatile.Write(ref _snapshot, next);
                Publish(txn.Events);
            }

            return result!;
        }
    }

    private void Publish(List<WatchEvent> events)
    {
        foreach (var watch in _watchers)
        {
            foreach (var change in events)
            {
                watch.Deliver(change);
            }
        }

        lock (_pendingLock)
        {
            foreach (var slot in _controllers)
            {
                slot.Pending.AddRange(events);
            }
        }

        _changed.Writer.TryWrite(true);
    }

    private sealed class ControllerSlot(IClusterController controller)
    {
        public IClusterController Controller { get; } = controller;

        public List<WatchEvent> Pending { get; set; } = [];
    }
}
