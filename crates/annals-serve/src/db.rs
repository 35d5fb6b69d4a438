//! A few read-only connections to the store, each request's SQL bounded in
//! time.
//!
//! SQLite connections are not shared between threads, so the server keeps
//! a small pool and runs each request's store calls on tokio's blocking
//! threads with one connection. Every connection has a progress handler
//! that interrupts the running statement once the request's deadline has
//! passed: one heavy filter (a substring match over millions of events)
//! answers 503 instead of holding the server.

use crate::error::Failure;
use annals_store::Store;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// SQLite virtual-machine steps between two looks at the clock.
const STEPS_PER_CHECK: i32 = 2_000;

struct Conn {
    store: Store,
    /// Milliseconds since the pool's epoch after which statements stop; 0: none.
    deadline: Arc<AtomicU64>,
}

/// The pool.
pub struct Pool {
    conns: Mutex<Vec<Conn>>,
    gate: Arc<Semaphore>,
    epoch: Instant,
    /// How long a request may wait for a free connection.
    wait: Duration,
}

impl Pool {
    /// Opens `size` read-only connections to the database at `path`.
    pub fn open(path: &Path, size: usize, wait: Duration) -> Result<Pool, annals_store::Error> {
        let epoch = Instant::now();
        let mut conns = Vec::with_capacity(size);
        for _ in 0..size.max(1) {
            let store = Store::open_read_only(path)?;
            let deadline = Arc::new(AtomicU64::new(0));
            let d = deadline.clone();
            store.connection().progress_handler(
                STEPS_PER_CHECK,
                Some(move || {
                    let at = d.load(Ordering::Relaxed);
                    at != 0 && epoch.elapsed().as_millis() as u64 >= at
                }),
            );
            // Pages of a large store are read many times: keep more of them.
            store.connection().pragma_update(None, "cache_size", -32_000)?;
            store.connection().pragma_update(None, "mmap_size", 1i64 << 30)?;
            conns.push(Conn { store, deadline });
        }
        Ok(Pool { gate: Arc::new(Semaphore::new(conns.len())), conns: Mutex::new(conns), epoch, wait })
    }

    /// Runs `f` with a connection on a blocking thread; its statements are
    /// interrupted after `limit`.
    pub async fn run<T, F>(self: &Arc<Self>, limit: Duration, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, Failure> + Send + 'static,
    {
        let permit = tokio::time::timeout(self.wait, self.gate.clone().acquire_owned())
            .await
            .map_err(|_| Failure::Timeout("the server is busy: no database connection came free in time".into()))?
            .map_err(|_| Failure::Internal("the pool is closed".into()))?;
        let conn = self.conns.lock().expect("pool lock").pop().expect("a permit means a free connection");
        let pool = self.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let at = pool.epoch.elapsed() + limit;
            conn.deadline.store(at.as_millis().max(1) as u64, Ordering::Relaxed);
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&conn.store)));
            conn.deadline.store(0, Ordering::Relaxed);
            pool.conns.lock().expect("pool lock").push(conn);
            // Given back only now: a cancelled request's work still holds it.
            drop(permit);
            r
        })
        .await;
        match joined {
            Ok(Ok(r)) => r,
            Ok(Err(_)) | Err(_) => Err(Failure::Internal("a request's database work panicked".into())),
        }
    }
}
