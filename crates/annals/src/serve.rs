//! `annals serve`: the JSON API and the web pages over a store (the
//! annals-serve crate); this is its command line.

use anyhow::Result;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The database to serve (opened read-only).
    #[arg(long, default_value = "annals.db")]
    db: PathBuf,
    /// The address to listen on. Loopback by default; any other address is
    /// reachable from other machines and is served with a warning.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Seconds a request's database work may take before it is stopped (503).
    #[arg(long, default_value_t = 3.0)]
    sql_timeout: f64,
    /// Seconds an export may take before it is cut off.
    #[arg(long, default_value_t = 300.0)]
    export_timeout: f64,
    /// Read-only database connections (requests served at once).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    connections: u64,
    /// Code pasted text with the dictionaries of this folder (as `annals code --dictionaries`).
    #[arg(long)]
    dictionaries: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let secs = |s: f64, what: &str| {
        anyhow::ensure!(s.is_finite() && s > 0.0, "--{what} must be a positive number of seconds");
        Ok(std::time::Duration::from_secs_f64(s))
    };
    let mut c = annals_serve::Config::new(&a.db, a.addr);
    c.sql_timeout = secs(a.sql_timeout, "sql-timeout")?;
    c.export_timeout = secs(a.export_timeout, "export-timeout")?;
    c.connections = a.connections as usize;
    c.dictionaries = a.dictionaries;
    annals_serve::run(c)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn the_default_address_is_loopback() {
        let c = Cli::try_parse_from(["serve"]).unwrap();
        assert!(annals_serve::is_loopback(&c.args.addr), "{}", c.args.addr);
        assert!(annals_serve::exposure_warning(&c.args.addr).is_none());
        let wide = Cli::try_parse_from(["serve", "--addr", "0.0.0.0:8080"]).unwrap();
        assert!(annals_serve::exposure_warning(&wide.args.addr).is_some());
    }
}
