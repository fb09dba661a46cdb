using Microsoft.Extensions.Time.Testing;
using RoutingCore.Kubernetes.Watching;

namespace RoutingCore.Kubernetes.Tests.Watching;

/// <summary>Issue 5 deliverable 5: the debounce, on a fake clock.</summary>
public sealed class DebouncerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void MAN5_ABurstOfChangesRunsOnceAfterTheLastOne()
    {
        var time = new FakeTimeProvider(TestFiles.Epoch);
        var runs = 0;
        using var debouncer = new Debouncer(Delay, time, () => runs++);

        debouncer.Signal();
        time.Advance(TimeSpan.FromMilliseconds(200));
        debouncer.Signal();
        time.Advance(TimeSpan.FromMilliseconds(200));
        debouncer.Signal();
        time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.Equal(0, runs);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, runs);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, runs);
    }

    [Fact]
    public void MAN5_AChangeDuringARunSchedulesOneMoreRunAfterTheDelay()
    {
        var time = new FakeTimeProvider(TestFiles.Epoch);
        var runs = 0;
        Debouncer? debouncer = null;
        debouncer = new Debouncer(Delay, time, () =>
        {
            if (++runs == 1)
            {
                debouncer!.Signal();
            }
        });
        using (debouncer)
        {
            debouncer.Signal();
            time.Advance(Delay);
            Assert.Equal(1, runs);

            time.Advance(Delay - TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, runs);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(2, runs);
        }
    }

    [Fact]
    public void MAN5_ATimerThatFiresDuringARunNeverOverlapsItAndRunsAgainAfterIt()
    {
        var time = new ManualTimeProvider();
        var runs = 0;
        var overlapped = false;
        var running = false;
        using var debouncer = new Debouncer(Delay, time, () =>
        {
            overlapped |= running;
            running = true;
            if (++runs == 1)
            {
                // The timer fires again (another thread, in production) while this run reads the files.
                time.Timer.Fire();
                Assert.Equal(1, runs);
            }

            running = false;
        });

        debouncer.Signal();
        Assert.Equal(Delay, time.Timer.Due);
        time.Timer.Fire();

        Assert.Equal(1, runs);
        Assert.Equal(Delay, time.Timer.Due);
        time.Timer.Fire();
        Assert.Equal(2, runs);
        Assert.False(overlapped);
    }

    /// <summary>A clock whose single timer the test fires by hand.</summary>
    private sealed class ManualTimeProvider : TimeProvider
    {
        public ManualTimer Timer { get; private set; } = null!;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Timer = new ManualTimer(() => callback(state)) { Due = dueTime };
    }

    private sealed class ManualTimer(Action callback) : ITimer
    {
        public TimeSpan Due { get; set; }

        /// <summary>Fires the timer as if its due time had come (it is one-shot: it disarms first).</summary>
        public void Fire()
        {
            Due = Timeout.InfiniteTimeSpan;
            callback();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime;
            return true;
        }

        public void Dispose() => Due = Timeout.InfiniteTimeSpan;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public void MAN5_NothingRunsAfterDispose()
    {
        var time = new FakeTimeProvider(TestFiles.Epoch);
        var runs = 0;
        var debouncer = new Debouncer(Delay, time, () => runs++);
        debouncer.Signal();

        debouncer.Dispose();
        debouncer.Signal();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, runs);
    }
}
