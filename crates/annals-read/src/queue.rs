//! The loop shared by the streaming readers: each step reads one unit of
//! input (a line, a WARC record) and queues what it gives, which may be
//! several items (an article and a warning) or none (a blank line).

use crate::Item;
use std::collections::VecDeque;

/// A reader that fills a queue of items one step at a time.
pub(crate) trait Stepped {
    /// The items read but not yet returned.
    fn pending(&mut self) -> &mut VecDeque<Item>;
    /// Whether the input is over (what is queued is still returned).
    fn done(&self) -> bool;
    /// Reads one more unit, queueing its items or marking the input done.
    fn step(&mut self);
}

/// The next item of `r`: the queue first, then as many steps as it takes.
pub(crate) fn next_item(r: &mut impl Stepped) -> Option<Item> {
    loop {
        if let Some(item) = r.pending().pop_front() {
            return Some(item);
        }
        if r.done() {
            return None;
        }
        r.step();
    }
}
