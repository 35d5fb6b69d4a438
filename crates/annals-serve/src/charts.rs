//! The pages' pictures as SVG drawn on the server: the timeline's stacked
//! bars, the map's points on the world outline, the actors' network. They
//! need no script; colours come from the page's style sheet (classes), as
//! the Content-Security-Policy allows no inline style.

use crate::params::query_string;
use annals_store::{Count, PlaceCount};
use maud::{html, Markup};

/// The quad classes, in CAMEO's order (the record's `quad_class` 1 to 4).
pub const QUADS: [&str; 4] = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/// One bar of the timeline: its period and events per quad class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub key: String,
    pub quads: [u64; 4],
}

impl Bar {
    pub fn total(&self) -> u64 {
        self.quads.iter().sum()
    }
}

/// Stacked bars, one per period, quad classes bottom to top.
pub fn timeline(bars: &[Bar]) -> Markup {
    const W: f64 = 960.0;
    const H: f64 = 300.0;
    const LEFT: f64 = 56.0;
    const BOTTOM: f64 = 64.0;
    const TOP: f64 = 12.0;
    let plot_w = W - LEFT - 12.0;
    let plot_h = H - BOTTOM - TOP;
    let max = bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
    let step = plot_w / bars.len().max(1) as f64;
    let bar_w = (step * 0.8).max(0.5);
    let every = bars.len().div_ceil(16).max(1);
    let y = |v: u64| TOP + plot_h - plot_h * v as f64 / max as f64;
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" viewBox={"0 0 " (W) " " (H)} role="img"
            aria-label="events per period, stacked by quad class" {
            @for t in [0, max / 2, max] {
                line.grid x1=(LEFT) x2=(W - 12.0) y1=(y(t)) y2=(y(t)) {}
                text.axis x=(LEFT - 6.0) y=(y(t) + 4.0) text-anchor="end" { (t) }
            }
            @for (i, b) in bars.iter().enumerate() {
                @let x = LEFT + i as f64 * step + (step - bar_w) / 2.0;
                g.bar data-key=(b.key) data-total=(b.total()) {
                    @for (q, n, below) in stack(&b.quads) {
                        rect class={"q" (q + 1)} x=(fmt(x)) width=(fmt(bar_w)) y=(fmt(y(below + n)))
                            height=(fmt(y(below) - y(below + n))) data-quad=(q + 1) data-n=(n) {
                            title { (b.key) ": " (n) " " (QUADS[q]) }
                        }
                    }
                }
                @if i % every == 0 {
                    text.axis x=(fmt(x + bar_w / 2.0)) y=(H - BOTTOM + 14.0) text-anchor="end"
                        transform={"rotate(-40 " (fmt(x + bar_w / 2.0)) " " (H - BOTTOM + 14.0) ")"} { (b.key) }
                }
            }
            line.axisline x1=(LEFT) x2=(W - 12.0) y1=(y(0)) y2=(y(0)) {}
        }
    }
}

/// The non-empty classes of a bar with the events below each.
fn stack(quads: &[u64; 4]) -> Vec<(usize, u64, u64)> {
    let mut below = 0;
    let mut out = Vec::new();
    for (q, &n) in quads.iter().enumerate() {
        if n > 0 {
            out.push((q, n, below));
        }
        below += n;
    }
    out
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// Event places on the world outline (equirectangular, the outline's
/// degrees), each a circle sized by its count and linking to its events.
pub fn map(places: &[PlaceCount], filters: &[(String, String)]) -> Markup {
    let max = places.iter().map(|p| p.events).max().unwrap_or(1).max(1) as f64;
    html! {
        svg.map xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" role="img" aria-label="event places" {
            image href=(crate::assets::url("world.svg")) x="0" y="0" width="360" height="180" {}
            @for p in places {
                @let r = 0.9 + 4.5 * (p.events as f64 / max).sqrt();
                a href={"/" (query_string(&with_place(filters, &p.name)))} {
                    circle.pt cx=(fmt2(p.lon + 180.0)) cy=(fmt2(90.0 - p.lat)) r=(fmt2(r)) data-name=(p.name) data-n=(p.events) {
                        title { (p.name) @if let Some(c) = &p.country { " (" (c) ")" } ": " (p.events) " event(s)" }
                    }
                }
            }
        }
    }
}

/// `filters` with `place` set to `name`.
fn with_place(filters: &[(String, String)], name: &str) -> Vec<(String, String)> {
    let mut q: Vec<(String, String)> = filters.iter().filter(|(k, _)| k != "place").cloned().collect();
    q.push(("place".into(), name.into()));
    q
}

fn fmt2(v: f64) -> String {
    format!("{v:.2}")
}

/// The strongest source→target pairs as a network: actors on a circle,
/// an arrow per pair, thicker for more events. Self-pairs and uncoded
/// sides are left to the table.
pub fn network(pairs: &[Count]) -> Markup {
    const W: f64 = 760.0;
    const H: f64 = 520.0;
    let edges: Vec<(&str, &str, u64)> = pairs
        .iter()
        .filter(|c| c.keys.len() == 2 && !c.keys[0].is_empty() && !c.keys[1].is_empty() && c.keys[0] != c.keys[1])
        .map(|c| (c.keys[0].as_str(), c.keys[1].as_str(), c.count))
        .collect();
    let mut nodes: Vec<&str> = Vec::new();
    for (s, t, _) in &edges {
        for n in [s, t] {
            if !nodes.contains(n) {
                nodes.push(n);
            }
        }
    }
    let (cx, cy, radius) = (W / 2.0, H / 2.0, H / 2.0 - 60.0);
    let at = |n: &str| {
        let i = nodes.iter().position(|x| *x == n).unwrap_or(0);
        let a = std::f64::consts::TAU * i as f64 / nodes.len().max(1) as f64 - std::f64::consts::FRAC_PI_2;
        (cx + radius * a.cos(), cy + radius * a.sin(), a)
    };
    let max = edges.iter().map(|e| e.2).max().unwrap_or(1).max(1) as f64;
    html! {
        svg.network xmlns="http://www.w3.org/2000/svg" viewBox={"0 0 " (W) " " (H)} role="img" aria-label="actor network" {
            defs {
                marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse" {
                    path d="M0 0L10 5L0 10z" class="arrowhead" {}
                }
            }
            @for (s, t, n) in &edges {
                @let (x1, y1, _) = at(s);
                @let (x2, y2, _) = at(t);
                // Bend each arrow to its right, so A→B and B→A stay apart;
                // stop it short of the target's circle.
                @let (dx, dy) = (x2 - x1, y2 - y1);
                @let len = (dx * dx + dy * dy).sqrt().max(1.0);
                @let (mx, my) = ((x1 + x2) / 2.0 - dy / len * 24.0, (y1 + y2) / 2.0 + dx / len * 24.0);
                @let (ex, ey) = (x2 - (x2 - mx) / ((x2 - mx).hypot(y2 - my)).max(1.0) * 9.0, y2 - (y2 - my) / ((x2 - mx).hypot(y2 - my)).max(1.0) * 9.0);
                path.edge d={"M" (fmt(x1)) " " (fmt(y1)) "Q" (fmt(mx)) " " (fmt(my)) " " (fmt(ex)) " " (fmt(ey))}
                    stroke-width=(fmt(1.0 + 5.0 * *n as f64 / max)) marker-end="url(#arrow)" data-source=(s) data-target=(t) data-n=(n) {
                    title { (s) " → " (t) ": " (n) " event(s)" }
                }
            }
            @for n in &nodes {
                @let (x, y, a) = at(n);
                g.node data-code=(n) {
                    circle cx=(fmt(x)) cy=(fmt(y)) r="7" {}
                    text x=(fmt(x + 14.0 * a.cos())) y=(fmt(y + 14.0 * a.sin() + 4.0))
                        text-anchor=(if a.cos() < -0.2 { "end" } else if a.cos() > 0.2 { "start" } else { "middle" }) { (n) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_stack_in_quad_order_and_scale_to_the_highest() {
        let bars =
            [Bar { key: "2024-03".into(), quads: [2, 0, 1, 1] }, Bar { key: "2024-04".into(), quads: [0, 0, 0, 8] }];
        let svg = timeline(&bars).into_string();
        assert_eq!(svg.matches("<rect").count(), 4, "no rectangle for an empty class");
        assert!(svg.contains(r#"data-key="2024-03" data-total="4""#));
        // The tallest bar spans the plot (224 units), a half one half of it.
        assert!(svg.contains(r#"height="224.0" data-quad="4" data-n="8""#), "{svg}");
        assert!(svg.contains(r#"height="56.0" data-quad="1" data-n="2""#), "{svg}");
    }

    #[test]
    fn map_points_sit_at_their_coordinates_and_link_to_their_events() {
        let p = [PlaceCount { name: "Doha".into(), country: Some("QAT".into()), lat: 25.29, lon: 51.53, events: 3 }];
        let svg = map(&p, &[("actor".into(), "QAT".into())]).into_string();
        assert!(svg.contains(r#"cx="231.53" cy="64.71""#), "{svg}");
        assert!(svg.contains(r#"href="/?actor=QAT&amp;place=Doha""#), "{svg}");
    }

    #[test]
    fn networks_draw_one_arrow_per_pair_between_distinct_coded_actors() {
        let c = |s: &str, t: &str, n| Count { keys: vec![s.into(), t.into()], count: n };
        let svg = network(&[c("QAT", "NER", 5), c("NER", "QAT", 2), c("NER", "NER", 9), c("", "MLI", 1)]).into_string();
        assert_eq!(svg.matches(r#"class="edge""#).count(), 2);
        assert_eq!(svg.matches(r#"class="node""#).count(), 2);
    }
}
