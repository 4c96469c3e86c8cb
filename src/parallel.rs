//! Parallel execution: worker pools kept for reuse, and an ordered parallel
//! loop whose results are consumed in job order.
//!
//! Starting a pool costs OS threads and cold caches (about a millisecond on
//! the 2-core machine type, several percent of a 50-strategy tournament), so
//! [`pool`] keeps one pool per requested size for the life of the process.
//!
//! [`for_each_ordered`] runs jobs `0..total` on every thread of the current
//! pool and hands their outputs to one consumer strictly in job order, so a
//! floating-point accumulation gives the same bits for any thread count.
//!
//! [`cancel`] stops every loop of the process between jobs: a caller that
//! runs the work on another thread (the Python module, on Ctrl-C) sets it,
//! and the loops return [`Error::Cancelled`]. Sequential loops elsewhere
//! poll it with [`check_cancelled`].

use crate::error::{Error, Result};
use rayon::ThreadPool;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Jobs a worker claims at a time.
pub const BATCH: usize = 8;

/// How far (in jobs) a worker may run ahead of the in-order consumer.
pub const WINDOW: usize = 4096;

/// Set by [`cancel`], cleared by [`clear_cancel`].
static CANCELLED: AtomicBool = AtomicBool::new(false);

/// Asks every running loop of the process to stop: each returns
/// [`Error::Cancelled`] before its next job (a job already running
/// finishes). The flag stays set, and new loops stop at once, until
/// [`clear_cancel`].
pub fn cancel() {
    CANCELLED.store(true, Ordering::Release);
}

/// Clears the flag of [`cancel`], so that loops run again.
pub fn clear_cancel() {
    CANCELLED.store(false, Ordering::Release);
}

/// `true` while a [`cancel`] is in force.
pub fn cancelled() -> bool {
    CANCELLED.load(Ordering::Acquire)
}

/// Steps that a sequential loop runs between two [`check_cancelled`]s
/// (the learning dynamics check between chunks of this many periods).
pub const CANCEL_CHUNK: usize = 1024;

/// [`Error::Cancelled`] while a [`cancel`] is in force: the check that the
/// long sequential loops (the equilibrium solvers, the Moran simulations,
/// the learning dynamics) make between steps, so that a cancelled run
/// stops promptly. It reads a flag and changes no arithmetic.
pub fn check_cancelled() -> Result<()> {
    if cancelled() {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

/// Runs `job(state, k)` for every `k` in `0..total` on every thread of the
/// current rayon pool and passes the outputs to `consume(k, output)` in
/// increasing `k`. With `parallel == false` it runs on the calling thread
/// alone: the form to use inside another parallel loop (a sweep runs its
/// points in parallel), where waiting for the pool could nest without bound.
///
/// Each worker builds its own `state` with `init` once, claims batches of
/// [`BATCH`] jobs from a shared counter, runs them, and commits the batch:
/// batches wait until every earlier job is consumed, and whichever worker
/// completes the sequence consumes them (under a lock). No barrier stops the
/// workers; a worker runs at most [`WINDOW`] jobs ahead of the consumer, so
/// memory stays flat. An error (of a job or of `consume`) stops every worker,
/// and so does a [`cancel`] ([`Error::Cancelled`]); of the errors that
/// occurred, the one of the lowest job is returned, and jobs after it may
/// not run.
pub fn for_each_ordered<S, T>(
    parallel: bool,
    total: usize,
    init: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, usize) -> Result<T> + Sync,
    consume: &mut (dyn FnMut(usize, T) -> Result<()> + Send),
) -> Result<()>
where
    T: Send,
{
    if !parallel {
        let mut state = init();
        for k in 0..total {
            if cancelled() {
                return Err(Error::Cancelled);
            }
            consume(k, job(&mut state, k)?)?;
        }
        return Ok(());
    }
    let shared = Shared {
        next: AtomicUsize::new(0),
        consumed: AtomicUsize::new(0),
        failed: AtomicBool::new(false),
        total,
        commit: Mutex::new(Commit {
            pending: BTreeMap::new(),
            consumed: 0,
            consume,
            error: None,
        }),
    };
    rayon::broadcast(|_| shared.work(&init, &job));
    let commit = shared
        .commit
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    match commit.error {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// What the workers of a loop share.
struct Shared<'c, T> {
    /// The next job to claim.
    next: AtomicUsize,
    /// Jobs consumed so far (mirrors [`Commit::consumed`]).
    consumed: AtomicUsize,
    /// Set when a worker failed or panicked: the others stop.
    failed: AtomicBool,
    total: usize,
    commit: Mutex<Commit<'c, T>>,
}

/// The in-order consumer and the batches waiting for it.
struct Commit<'c, T> {
    pending: BTreeMap<usize, Vec<T>>,
    consumed: usize,
    consume: &'c mut (dyn FnMut(usize, T) -> Result<()> + Send),
    /// The error of the lowest failed job seen, with its index.
    error: Option<(usize, Error)>,
}

impl<T: Send> Shared<'_, T> {
    /// Records the error of job `k` (keeping the lowest job's) and stops
    /// the workers.
    fn fail(&self, k: usize, e: Error) {
        let mut c = self.commit.lock().unwrap_or_else(|p| p.into_inner());
        if c.error.as_ref().is_none_or(|(first, _)| k < *first) {
            c.error = Some((k, e));
        }
        self.failed.store(true, Ordering::Release);
    }

    fn work<S>(&self, init: &impl Fn() -> S, job: &impl Fn(&mut S, usize) -> Result<T>) {
        // A panicking worker stops the others (which may wait on its batch).
        struct StopOnPanic<'a>(&'a AtomicBool);
        impl Drop for StopOnPanic<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.store(true, Ordering::Release);
                }
            }
        }
        let _guard = StopOnPanic(&self.failed);
        let mut state = None;
        loop {
            let start = self.next.fetch_add(BATCH, Ordering::Relaxed);
            if start >= self.total || self.failed.load(Ordering::Acquire) {
                return;
            }
            if cancelled() {
                return self.fail(start, Error::Cancelled);
            }
            while start >= self.consumed.load(Ordering::Acquire) + WINDOW {
                if self.failed.load(Ordering::Acquire) {
                    return;
                }
                std::thread::yield_now();
            }
            let state = state.get_or_insert_with(init);
            let end = (start + BATCH).min(self.total);
            let mut batch = Vec::with_capacity(end - start);
            for k in start..end {
                match job(state, k) {
                    Ok(out) => batch.push(out),
                    Err(e) => return self.fail(k, e),
                }
            }
            let mut guard = self.commit.lock().unwrap_or_else(|p| p.into_inner());
            let c = &mut *guard;
            c.pending.insert(start, batch);
            while let Some(batch) = c.pending.remove(&c.consumed) {
                let first = c.consumed;
                c.consumed += batch.len();
                for (k, out) in batch.into_iter().enumerate() {
                    if let Err(e) = (c.consume)(first + k, out) {
                        // Every job before this one was consumed: no job
                        // error can be lower.
                        c.error = Some((first + k, e));
                        self.failed.store(true, Ordering::Release);
                        return;
                    }
                }
                self.consumed.store(c.consumed, Ordering::Release);
            }
        }
    }
}

/// The pool of `threads` worker threads (`None`: one per core; 0 or more than [`crate::limits::max_threads`] is an error), built
/// on first request and reused afterwards.
pub fn pool(threads: Option<usize>) -> Result<Arc<ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<ThreadPool>>>> = OnceLock::new();
    let size = match threads {
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        Some(n) => {
            crate::limits::check_threads(n)?;
            n
        }
    };
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&size) {
        return Ok(p.clone());
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(size)
            .build()
            .map_err(|e| Error::invalid_parameter("threads", size as f64, e.to_string()))?,
    );
    pools.insert(size, p.clone());
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(threads: usize, total: usize, fail_at: Option<usize>) -> Result<Vec<usize>> {
        let mut seen = Vec::new();
        pool(Some(threads))?.install(|| {
            for_each_ordered(
                true,
                total,
                || 0u64,
                |calls, k| {
                    *calls += 1;
                    if Some(k) == fail_at {
                        return Err(Error::invalid_parameter("job", k as f64, "not this one"));
                    }
                    // Uneven work so batches finish out of order.
                    let mut x = k as u64;
                    for _ in 0..(k % 7) * 500 {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    }
                    Ok((k, x))
                },
                &mut |k, (j, _)| {
                    assert_eq!(k, j);
                    seen.push(k);
                    Ok(())
                },
            )
        })?;
        Ok(seen)
    }

    #[test]
    fn outputs_are_consumed_in_job_order_on_any_pool() {
        for threads in [1, 2, 4] {
            let seen = ordered(threads, 10_003, None).unwrap();
            assert_eq!(seen, (0..10_003).collect::<Vec<_>>(), "{threads} threads");
        }
        assert!(ordered(2, 0, None).unwrap().is_empty());
    }

    #[test]
    fn a_serial_loop_inside_a_parallel_one_does_not_nest() {
        use rayon::prelude::*;
        let sums: Vec<usize> = pool(Some(2))
            .unwrap()
            .install(|| {
                (0..64usize)
                    .into_par_iter()
                    .map(|p| {
                        let mut sum = 0;
                        for_each_ordered(false, 1000, || (), |_, k| Ok(k * p), &mut |_, x| {
                            sum += x;
                            Ok(())
                        })
                        .map(|()| sum)
                    })
                    .collect::<Result<_>>()
            })
            .unwrap();
        assert_eq!(
            sums,
            (0..64).map(|p| p * 999 * 1000 / 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_first_error_stops_the_loop() {
        let err = ordered(2, 50_000, Some(777)).unwrap_err();
        assert!(err.to_string().contains("not this one"), "{err}");
    }

    #[test]
    fn pools_are_reused_per_size() {
        let a = pool(Some(3)).unwrap();
        assert_eq!(a.current_num_threads(), 3);
        assert!(Arc::ptr_eq(&a, &pool(Some(3)).unwrap()));
        assert!(!Arc::ptr_eq(&a, &pool(Some(1)).unwrap()));
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let all = pool(None).unwrap();
        assert!(Arc::ptr_eq(&all, &pool(Some(cores)).unwrap()));
        assert!(pool(Some(0)).is_err());
    }
}
