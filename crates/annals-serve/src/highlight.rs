//! An article's text with its events' parts marked, from byte spans.
//!
//! The record gives byte spans for the trigger, the source and the target.
//! The text layer (run again on the article) gives the spans of time
//! expressions and numbers: an event's date is the time expression in its
//! sentence nearest its trigger (none when the date is the publication
//! date), its quantity the number in its sentence with the record's value.
//! The place and the attribution are found by their text, in the sentence
//! first, else nearest the trigger. Spans that are not on character
//! boundaries inside the text are dropped, never trusted.

use annals_record::{Basis, Event};
use maud::{html, Markup};

/// What a marked stretch is, in the order a stretch marked twice shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Trigger,
    Source,
    Target,
    Quantity,
    Date,
    Place,
    Attribution,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Trigger => "trigger",
            Kind::Source => "source",
            Kind::Target => "target",
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Place => "place",
            Kind::Attribution => "attribution",
        }
    }
}

/// One marked stretch of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub event: usize,
}

/// What the text layer found, as spans: sentences, time expressions and
/// numbers (with their values).
#[derive(Debug, Clone, Default)]
pub struct Layer {
    pub sentences: Vec<(usize, usize)>,
    pub times: Vec<(usize, usize)>,
    pub numbers: Vec<(usize, usize, f64)>,
}

impl Layer {
    /// The text layer's spans of `text`.
    pub fn of(engine: &annals_engine::Engine, text: &str) -> Layer {
        let doc = engine.pipeline().annotate(text);
        Layer {
            sentences: doc.sentences.iter().map(|s| (s.start, s.end)).collect(),
            times: doc.times.iter().map(|t| (t.start, t.end)).collect(),
            numbers: doc.numbers.iter().map(|n| (n.start, n.end, n.value)).collect(),
        }
    }
}

fn valid(text: &str, start: usize, end: usize) -> bool {
    start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// The stretch of `text` holding event `e`'s sentence.
fn sentence_span(text: &str, e: &Event, layer: &Layer) -> (usize, usize) {
    let t = e.trigger.start;
    if let Some(&(s, end)) = e.sentence.checked_sub(1).and_then(|i| layer.sentences.get(i)) {
        if s <= t && t <= end && valid(text, s, end) {
            return (s, end);
        }
    }
    if !e.text.is_empty() {
        if let Some(s) = text.match_indices(e.text.as_str()).map(|(s, _)| s).find(|&s| s <= t && t <= s + e.text.len())
        {
            return (s, s + e.text.len());
        }
    }
    let mut s = t.saturating_sub(300).min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut end = (t + 300).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (s, end)
}

/// The occurrence of `needle` in the sentence, else the one nearest `near`.
fn find_near(text: &str, needle: &str, sentence: (usize, usize), near: usize) -> Option<(usize, usize)> {
    if needle.trim().is_empty() {
        return None;
    }
    let in_sentence = text[sentence.0..sentence.1].find(needle).map(|i| sentence.0 + i);
    let at = in_sentence.or_else(|| text.match_indices(needle).map(|(i, _)| i).min_by_key(|&i| i.abs_diff(near)))?;
    Some((at, at + needle.len()))
}

/// The marks of `events` in `text`.
pub fn marks(text: &str, events: &[Event], layer: &Layer) -> Vec<Mark> {
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let mut push = |start: usize, end: usize, kind: Kind| {
            if valid(text, start, end) {
                out.push(Mark { start, end, kind, event: i });
            }
        };
        push(e.trigger.start, e.trigger.end, Kind::Trigger);
        if let Some(a) = &e.source {
            push(a.start, a.end, Kind::Source);
        }
        if let Some(a) = &e.target {
            push(a.start, a.end, Kind::Target);
        }
        if !valid(text, e.trigger.start, e.trigger.end) {
            continue;
        }
        let sentence = sentence_span(text, e, layer);
        let inside = |&&(s, end): &&(usize, usize)| s >= sentence.0 && end <= sentence.1;
        if let Some(q) = &e.quantity {
            let n = layer
                .numbers
                .iter()
                .filter(|(s, end, v)| *s >= sentence.0 && *end <= sentence.1 && *v == q.value)
                .min_by_key(|(s, _, _)| s.abs_diff(e.trigger.start));
            if let Some(&(s, end, _)) = n {
                push(s, end, Kind::Quantity);
            }
        }
        if e.date.as_ref().is_some_and(|d| d.basis != Basis::Publication) {
            let t = layer.times.iter().filter(inside).min_by_key(|(s, _)| s.abs_diff(e.trigger.start));
            if let Some(&(s, end)) = t {
                push(s, end, Kind::Date);
            }
        }
        if let Some(p) = &e.place {
            if let Some((s, end)) = find_near(text, &p.text, sentence, e.trigger.start) {
                push(s, end, Kind::Place);
            }
        }
        if let Some(a) = &e.attribution {
            if let Some((s, end)) = find_near(text, &a.text, sentence, e.trigger.start) {
                push(s, end, Kind::Attribution);
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.kind, m.event));
    out
}

/// `text` with `marks` as links to the events' cards (`#` + the event's
/// entry of `anchors`): each
/// stretch names its events (`data-ev`) and its marks as `event:kind`
/// (`data-marks`), and takes the look of its first mark's kind and that
/// event's mode.
pub fn render(text: &str, marks: &[Mark], events: &[Event], anchors: &[String]) -> Markup {
    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    cuts.push(0);
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    // A sweep: marks sorted by start join `active` as the stretch reaches
    // them and leave once it passes their end.
    let mut next = 0;
    let mut active: Vec<Mark> = Vec::new();
    let mut pieces: Vec<(usize, usize, Vec<Mark>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|m| m.end > a);
        while next < marks.len() && marks[next].start <= a {
            if marks[next].end > a {
                active.push(marks[next]);
            }
            next += 1;
        }
        let mut here = active.clone();
        here.sort_by_key(|m| (m.kind, m.event));
        pieces.push((a, b, here));
    }
    let pieces: Vec<(&str, Option<Look>)> = pieces
        .into_iter()
        .map(|(a, b, here)| {
            let look = here.first().map(|first| {
                let e = &events[first.event];
                let mut evs: Vec<usize> = here.iter().map(|m| m.event).collect();
                evs.sort_unstable();
                evs.dedup();
                Look {
                    class: format!(
                        "hl k-{} m-{}{}",
                        first.kind.name(),
                        e.mode.as_str(),
                        if e.historical { " hist" } else { "" }
                    ),
                    href: format!("#{}", anchors[first.event]),
                    events: evs.iter().map(usize::to_string).collect::<Vec<_>>().join(" "),
                    marks: here.iter().map(|m| format!("{}:{}", m.event, m.kind.name())).collect::<Vec<_>>().join(" "),
                }
            });
            (&text[a..b], look)
        })
        .collect();
    html! {
        @for (piece, look) in &pieces {
            @match look {
                None => (piece),
                Some(l) => a class=(l.class) href=(l.href) data-ev=(l.events) data-marks=(l.marks) { (piece) },
            }
        }
    }
}

struct Look {
    class: String,
    href: String,
    events: String,
    marks: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str, json: serde_json::Value) -> Event {
        let _ = text;
        Event::from_json(&json.to_string()).unwrap()
    }

    #[test]
    fn marks_follow_spans_and_skip_bad_ones() {
        let text = "In Doha, Niger’s army freed 40 prisoners in 2016, a source said.";
        let trig = text.find("freed").unwrap();
        let src = text.find("Niger").unwrap();
        let e = ev(
            text,
            serde_json::json!({
                "id": "a:1:1", "article": "a", "sentence": 1, "text": text, "cameo": "0841", "mode": "negated",
                "trigger": {"text": "freed", "start": trig, "end": trig + 5},
                "source": {"text": "Niger’s army", "start": src, "end": src + "Niger’s army".len()},
                // Inside the apostrophe's bytes: dropped.
                "target": {"text": "x", "start": src + 6, "end": src + 7},
                "quantity": {"value": 40, "unit": "prisoners"},
                "date": {"value": "2016", "precision": "year", "basis": "explicit"},
                "place": {"text": "Doha", "name": "Doha"},
                "attribution": {"text": "a source", "anonymous": true},
            }),
        );
        let n = text.find("40").unwrap();
        let y = text.find("2016").unwrap();
        let layer =
            Layer { sentences: vec![(0, text.len())], times: vec![(y - 3, y + 4)], numbers: vec![(n, n + 2, 40.0)] };
        let m = marks(text, std::slice::from_ref(&e), &layer);
        let kinds: Vec<(&str, &str)> = m.iter().map(|m| (m.kind.name(), &text[m.start..m.end])).collect();
        assert_eq!(
            kinds,
            [
                ("place", "Doha"),
                ("source", "Niger’s army"),
                ("trigger", "freed"),
                ("quantity", "40"),
                ("date", "in 2016"),
                ("attribution", "a source")
            ]
        );
        let html = render(text, &m, &[e], &["ev-0".into()]).into_string();
        assert!(
            html.contains(
                r##"<a class="hl k-trigger m-negated" href="#ev-0" data-ev="0" data-marks="0:trigger">freed</a>"##
            ),
            "{html}"
        );
    }

    #[test]
    fn overlapping_marks_of_two_events_split_the_text() {
        let text = "Qatar hosted talks and Qatar mediated.";
        let j = |n: usize, trig: &str| {
            let t = text.find(trig).unwrap();
            serde_json::json!({"id": format!("a:1:{n}"), "article": "a", "sentence": 1, "text": text, "cameo": "040",
                "mode": "asserted", "trigger": {"text": trig, "start": t, "end": t + trig.len()},
                "source": {"text": "Qatar hosted talks", "start": 0, "end": 18}})
        };
        let events = [ev(text, j(1, "hosted")), ev(text, j(2, "mediated"))];
        let m = marks(text, &events, &Layer::default());
        let html = render(text, &m, &events, &["ev-0".into(), "ev-1".into()]).into_string();
        assert!(html.starts_with(r##"<a class="hl k-source m-asserted" href="#ev-0" data-ev="0 1" data-marks="0:source 1:source">Qatar </a>"##), "{html}");
        assert!(html.contains(r#"data-ev="0 1" data-marks="0:trigger 0:source 1:source">hosted</a>"#), "{html}");
        // Every byte of the text is there once, in order.
        let plain: String = html.split('<').map(|s| s.split_once('>').map_or(s, |(_, t)| t)).collect();
        assert_eq!(plain, text);
    }
}
