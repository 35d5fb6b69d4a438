//! A bounded, loopback-only load on a running `annals serve` (see
//! `bench/serve.sh`): N clients, each on one kept-alive connection, send a
//! fixed number of requests in all, cycling through the given paths, and
//! the run prints throughput and latency percentiles per path.
//!
//! ```text
//! cargo run --release -p annals-serve --example load -- --addr 127.0.0.1:8080 \
//!     --clients 16 --requests 4000 [--warmup 200] /api/events '/?actor=NER' ...
//! ```
//!
//! The client refuses addresses off this machine, and stops after its
//! request count (there is no open-ended mode).

use annals_serve::client::Conn;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut addr: Option<SocketAddr> = None;
    let (mut clients, mut requests, mut warmup) = (16usize, 2000usize, 100usize);
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--addr" => addr = Some(args.next().ok_or("--addr needs host:port")?.parse()?),
            "--clients" => clients = args.next().ok_or("--clients needs a number")?.parse()?,
            "--requests" => requests = args.next().ok_or("--requests needs a number")?.parse()?,
            "--warmup" => warmup = args.next().ok_or("--warmup needs a number")?.parse()?,
            p if p.starts_with('/') => paths.push(p.to_string()),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let addr = addr.ok_or("--addr is required")?;
    if !addr.ip().is_loopback() {
        return Err(format!("{addr}: the load runs against loopback addresses only").into());
    }
    if paths.is_empty() {
        paths.push("/api/events".into());
    }
    println!("load: {addr}, {clients} clients, {requests} requests per path ({warmup} warm-up)");
    println!("{:<48} {:>9} {:>8} {:>8} {:>8} {:>7}", "path", "req/s", "p50 ms", "p99 ms", "max ms", "errors");
    for path in &paths {
        // Warm-up: the same path on one connection, not counted.
        let mut c = Conn::open(addr)?;
        for _ in 0..warmup {
            c.send("GET", path, None, &[])?;
        }
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                let (next, path) = (next.clone(), path.clone());
                std::thread::spawn(move || -> (Vec<Duration>, usize) {
                    let mut lat = Vec::new();
                    let mut errors = 0;
                    let mut conn = Conn::open(addr).ok();
                    while next.fetch_add(1, Ordering::Relaxed) < requests {
                        let t = Instant::now();
                        let ok = match conn.as_mut().map(|c| c.send("GET", &path, None, &[])) {
                            Some(Ok(r)) => r.status == 200,
                            _ => {
                                conn = Conn::open(addr).ok();
                                false
                            }
                        };
                        lat.push(t.elapsed());
                        errors += usize::from(!ok);
                    }
                    (lat, errors)
                })
            })
            .collect();
        let mut lat = Vec::with_capacity(requests);
        let mut errors = 0;
        for w in workers {
            let (l, e) = w.join().map_err(|_| "a client panicked")?;
            lat.extend(l);
            errors += e;
        }
        let wall = started.elapsed();
        lat.sort_unstable();
        println!(
            "{:<48} {:>9.0} {:>8} {:>8} {:>8} {:>7}",
            path,
            lat.len() as f64 / wall.as_secs_f64(),
            ms(percentile(&lat, 0.50)),
            ms(percentile(&lat, 0.99)),
            ms(*lat.last().unwrap_or(&Duration::ZERO)),
            errors
        );
    }
    Ok(())
}
