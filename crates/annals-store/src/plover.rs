//! Stored events as PLOVER records: each event's record goes through
//! [`annals_record::plover::record`] (where the mapping is documented), with
//! its article's URL, title and outlet as the citation.

use crate::record::read_event;
use crate::{Filter, Result, Store};
pub use annals_record::plover::{record, Citation};
use std::io::Write;

impl Store {
    /// Writes every stored event as one PLOVER JSON line, in insertion
    /// order, streaming (one event in memory at a time); returns how many.
    pub fn write_plover(&self, out: &mut dyn Write) -> Result<u64> {
        self.write_plover_matching(&Filter::default(), out)
    }

    /// [`Store::write_plover`] of the events matching `f` only (as `annals
    /// query` selects them; `f.limit` is ignored).
    pub fn write_plover_matching(&self, f: &Filter, out: &mut dyn Write) -> Result<u64> {
        let (only, p) = match f.seq_select(&self.conn)? {
            Some((seqs, p)) => (format!("WHERE e.seq IN ({seqs})"), p),
            None => (String::new(), Vec::new()),
        };
        let mut st = self.conn.prepare(&format!(
            "SELECT e.record, a.url, a.title, a.outlet FROM events e JOIN articles a ON a.id = e.article {only}
             ORDER BY e.seq"
        ))?;
        let mut rows = st.query(rusqlite::params_from_iter(p))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let e = read_event(&r.get::<_, String>(0)?)?;
            let cite = Citation { url: r.get(1)?, title: r.get(2)?, outlet: r.get(3)? };
            serde_json::to_writer(&mut *out, &record(&e, &cite)).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            n += 1;
        }
        Ok(n)
    }
}
