namespace RoutingCore.Kubernetes.Watching;

/// <summary>
/// Runs an action once a quiet period has passed since the last <see cref="Signal"/>, on a timer of the given
/// <see cref="TimeProvider"/> (a fake clock in tests).
/// </summary>
/// <remarks>
/// Algorithm: every signal re-arms one timer for the full delay, so a burst of signals yields one run after the burst.
/// The subtle point is a signal that arrives while the action runs: the run in progress may have read the old
/// content, so one more run is scheduled a full delay after the current one ends; runs never overlap.
/// </remarks>
internal sealed class Debouncer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _runGate = new();
    private readonly TimeSpan _delay;
    private readonly Action _action;
    private readonly ITimer _timer;
    private bool _running;
    private bool _pending;
    private bool _disposed;

    public Debouncer(TimeSpan delay, TimeProvider timeProvider, Action action)
    {
        _delay = delay;
        _action = action;
        _timer = timeProvider.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Something changed: run the action after the delay, unless another signal comes first.</summary>
    public void Signal()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _timer.Change(_delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops the timer and waits for a run in progress to end (unless called from that run).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
        lock (_runGate)
        {
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_running)
            {
                _pending = true;
                return;
            }

            _running = true;
        }

        try
        {
            lock (_runGate)
            {
                if (!Volatile.Read(ref _disposed))
                {
                    _action();
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _running = false;
                if (_pending && !_disposed)
                {
                    _pending = false;
                    _timer.Change(_delay, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
