//! Long runs with the GIL released and Ctrl-C honoured.
//!
//! The work runs on a scoped thread of its own; the calling thread waits
//! for it without the GIL and, every [`POLL`], takes the GIL back to let
//! Python handle pending signals. On Ctrl-C (`KeyboardInterrupt`) it asks
//! the library's loops to stop ([`dilemma::parallel::cancel`]), waits for
//! the worker to return, clears the request and raises the interrupt.
//!
//! The library's ordered parallel loop polls the request between jobs, so
//! tournaments (replicates included), sweeps, sensitivity analyses and
//! tournaments of groups stop within a match; the equilibrium solvers
//! (vertex and support enumeration, Lemke-Howson, the n-player methods,
//! the logit tracer), the Moran simulations and the learning dynamics poll
//! it between steps ([`dilemma::parallel::check_cancelled`]) and stop
//! promptly too.

use crate::errors::to_py;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::sync::{mpsc, Mutex};
use std::time::Duration;

/// How often the waiting thread checks for signals.
const POLL: Duration = Duration::from_millis(50);

/// Runs `work` on another thread with the GIL released; Ctrl-C cancels it.
pub fn run<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> dilemma::Result<T> + Send,
{
    std::thread::scope(|scope| {
        let (done, finished) = mpsc::channel::<()>();
        // A mutex makes the receiver shareable with the closure that waits
        // without the GIL.
        let finished = Mutex::new(finished);
        let handle = scope.spawn(move || {
            let out = work();
            let _ = done.send(());
            out
        });
        loop {
            let ready = py.detach(|| {
                let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
                match finished.recv_timeout(POLL) {
                    Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => true,
                    Err(mpsc::RecvTimeoutError::Timeout) => false,
                }
            });
            if ready {
                break;
            }
            if let Err(interrupt) = py.check_signals() {
                dilemma::parallel::cancel();
                let _ = py.detach(|| handle.join());
                dilemma::parallel::clear_cancel();
                return Err(interrupt);
            }
        }
        match py.detach(|| handle.join()) {
            Ok(result) => result.map_err(to_py),
            Err(_) => Err(PyRuntimeError::new_err(
                "the library panicked (a bug: please report it)",
            )),
        }
    })
}
