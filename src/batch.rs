//! Batch runs: many files checked in parallel, each under its own panic guard, results
//! handed back in input order as soon as they and every earlier file are done.
//!
//! Memory stays bounded: at most `window` reports exist at once (in flight or waiting
//! for an earlier, slower file), whatever the number of files.

use crate::check::{Checker, FileReport};
use crate::ingest::IngestError;
use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};

thread_local! {
    /// The last panic recorded by [`QuietPanics`] on this thread (message and location).
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// While alive, panics are recorded (for [`isolate`]) instead of printed; the previous
/// panic hook is restored on drop. One per run: the hook is process-wide.
pub struct QuietPanics {
    previous: Option<Hook>,
}

impl QuietPanics {
    pub fn install() -> QuietPanics {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!(" ({}:{})", l.file(), l.line()))
                .unwrap_or_default();
            let msg = format!("{}{at}", payload_message(info.payload()));
            LAST_PANIC.with(|c| *c.borrow_mut() = Some(msg));
        }));
        QuietPanics {
            previous: Some(previous),
        }
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        if let Some(prev) = self.previous.take() {
            // the hook cannot be replaced while panicking; leave ours then
            if !std::thread::panicking() {
                panic::set_hook(prev);
            }
        }
    }
}

fn payload_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Runs `f`, turning a panic into `Err(message)`; the message carries the panic's
/// location when a [`QuietPanics`] hook recorded it.
pub fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    LAST_PANIC.with(|c| c.borrow_mut().take());
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        LAST_PANIC
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| payload_message(payload.as_ref()))
    })
}

/// Checks one file (load, analysis, rules) with a panic anywhere turned into the file's
/// error, of kind `panic`.
pub fn check_isolated(checker: &Checker, file: &std::path::Path) -> FileReport {
    isolate(|| checker.check_file(file)).unwrap_or_else(|msg| {
        let error = IngestError::Panic(msg).message(checker.settings().lang);
        FileReport::failed(file.display().to_string(), error, "panic")
    })
}

/// Applies `work` to every item on a pool of `jobs` threads (0: one per core) and gives
/// each result to `emit` on the calling thread, in the order of `items`. At most
/// `window` results are held at once: workers wait while the oldest pending item is
/// still running.
pub fn run_ordered<I, R, W, E>(items: &[I], jobs: usize, window: usize, work: W, mut emit: E)
where
    I: Sync,
    R: Send,
    W: Fn(&I) -> R + Sync,
    E: FnMut(usize, R),
{
    use rayon::iter::{ParallelBridge, ParallelIterator};
    let window = window.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("khlint-check-{i}"))
        .build()
        .expect("thread pool starts");
    // A permit per result alive: taken before an item starts, given back once emitted.
    let (permit_tx, permit_rx) = crossbeam_channel::bounded::<()>(window);
    let (result_tx, result_rx) = crossbeam_channel::unbounded::<(usize, R)>();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            let gated = items.iter().enumerate().inspect(|_| {
                // blocks while `window` results are alive; fails only if the
                // receiver is gone, and then nothing is emitted anyway
                let _ = permit_tx.send(());
            });
            pool.install(|| {
                gated
                    .par_bridge()
                    .for_each_with(result_tx, |tx, (i, item)| {
                        let _ = tx.send((i, work(item)));
                    });
            });
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, r) in result_rx.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                emit(next, r);
                next += 1;
                let _ = permit_rx.recv();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let _quiet = QuietPanics::install();
        let r: Result<(), String> = isolate(|| panic!("boom {}", 42));
        let msg = r.unwrap_err();
        // the location is there unless a concurrent test swapped the hook meanwhile
        assert!(msg.starts_with("boom 42"), "{msg}");
        assert_eq!(isolate(|| 7), Ok(7));
    }

    #[test]
    fn results_come_in_input_order_whatever_the_timing() {
        let items: Vec<u64> = (0..200).collect();
        let alive = AtomicUsize::new(0);
        let max_alive = AtomicUsize::new(0);
        let mut seen = Vec::new();
        run_ordered(
            &items,
            4,
            8,
            |&i| {
                let n = alive.fetch_add(1, Ordering::SeqCst) + 1;
                max_alive.fetch_max(n, Ordering::SeqCst);
                // early items are the slow ones
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |idx, r| {
                alive.fetch_sub(1, Ordering::SeqCst);
                seen.push((idx, r));
            },
        );
        let expected: Vec<(usize, u64)> = (0..200).map(|i| (i as usize, i * 2)).collect();
        assert_eq!(seen, expected);
        assert!(max_alive.load(Ordering::SeqCst) <= 8 + 1);
    }

    #[test]
    fn a_panicking_item_does_not_stop_the_others() {
        let _quiet = QuietPanics::install();
        let items: Vec<u32> = (0..50).collect();
        let mut out = Vec::new();
        run_ordered(
            &items,
            2,
            4,
            |&i| {
                isolate(|| {
                    assert!(i != 13, "item {i} is unlucky");
                    i
                })
            },
            |_, r| out.push(r),
        );
        assert_eq!(out.len(), 50);
        assert!(out[13].as_ref().unwrap_err().contains("item 13 is unlucky"));
        assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 49);
    }
}
