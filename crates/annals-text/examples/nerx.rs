//! Experiment harness (not committed): train NER on UNER train, score on dev.
use annals_text::gazetteer::Gazetteer;
use annals_text::ner::{self, Config, Recognizer};
use annals_text::tagger::Tagger;
use std::path::Path;

fn main() {
    let data = Path::new("/tmp/sx");
    let train = annals_text::conllu::read_file(&data.join("ud-ewt/en_ewt-ud-train.conllu")).unwrap();
    let cache = std::fs::read_to_string("/tmp/jk.txt").unwrap();
    let tags: Vec<Vec<String>> = cache.lines().map(|l| l.split(' ').map(str::to_string).collect()).collect();
    let ids: Vec<Option<String>> = train.iter().map(|s| s.id.clone()).collect();
    let mut gaz = Gazetteer::build(data).unwrap();
    let nv: u64 = std::env::var("NV").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    if nv & 32 != 0 {
        use annals_text::gazetteer::Kind;
        let t = std::fs::read_to_string("/work/main/crates/annals-code/dictionaries/actors.tsv").unwrap();
        for l in t.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() < 4 {
                continue;
            }
            let kind = match c[1] {
                "igo" | "group" => Kind::Org,
                "person" => Kind::Person,
                _ => continue,
            };
            let mut forms = vec![c[2]];
            for f in c[3].split('|') {
                if let Some(a) = f.strip_prefix("abbr:") {
                    forms.push(a);
                } else if !f.contains(':') {
                    forms.push(f);
                }
            }
            for f in forms {
                gaz.insert(f, kind);
                if kind == Kind::Person && nv & 64 != 0 {
                    let w: Vec<&str> = f.split(' ').collect();
                    if w.len() >= 2 {
                        gaz.insert(w[0], Kind::Given);
                        gaz.insert(w[w.len() - 1], Kind::Surname);
                    }
                }
            }
        }
        if nv & 128 != 0 {
            let t = std::fs::read_to_string("/work/main/crates/annals-code/dictionaries/agents.tsv").unwrap();
            for l in t.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
                if let Some((_, forms)) = l.split_once('\t') {
                    for f in forms.split('|') {
                        gaz.insert(f, Kind::Agent);
                    }
                }
            }
        }
    }
    let iob = annals_text::iob::read_file(&data.join("uner-ewt/en_ewt-ud-train.iob2")).unwrap();
    let xpos = ner::align_tags(&iob, &ids, &tags);
    let epochs = std::env::var("EP").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let wd = std::env::var("WD").ok().and_then(|s| s.parse().ok()).unwrap_or(0.1);
    let config = Config {
        epochs,
        xpos: true,
        word_dropout: wd,
        seed: std::env::var("SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1),
        ..Config::default()
    };
    let rec = Recognizer::train_with(&iob, Some(&xpos), &gaz, &config, &mut |_| {});
    let tagger = Tagger::read(annals_text::models::TAGGER).unwrap();
    let split = std::env::var("SPLIT").unwrap_or("dev".into());
    let dev = annals_text::iob::read_file(&data.join(format!("uner-ewt/en_ewt-ud-{split}.iob2"))).unwrap();
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut doc_forms: Vec<Vec<&str>> = Vec::new();
    let mut doc_start = 0;
    for s in &dev {
        if s.newdoc && !doc_forms.is_empty() {
            ner::harmonise(&doc_forms, &mut pred[doc_start..]);
            doc_forms.clear();
            doc_start = pred.len();
        }
        doc_forms.push(s.forms.iter().map(String::as_str).collect());
        let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        let t: Vec<String> =
            tagger.tag(&forms).iter().map(|&c| Tagger::split(&tagger.labels()[c as usize]).1.to_string()).collect();
        let t: Vec<&str> = t.iter().map(String::as_str).collect();
        gold.push(annals_text::iob::spans(&s.tags));
        pred.push(rec.recognize(&forms, &t));
    }
    ner::harmonise(&doc_forms, &mut pred[doc_start..]);
    if std::env::var("DUMP").is_ok() {
        for (i, s) in dev.iter().enumerate() {
            let w = |r: &std::ops::Range<usize>| s.forms[r.clone()].join(" ");
            for (r, l) in &gold[i] {
                if !pred[i].contains(&(r.clone(), *l)) {
                    let o: Vec<String> = pred[i]
                        .iter()
                        .filter(|(q, _)| q.start < r.end && r.start < q.end)
                        .map(|(q, m)| format!("{} {:?}", w(q), m))
                        .collect();
                    eprintln!("MISS {:?}\t{}\t{:?}", l, w(r), o);
                }
            }
            for (r, l) in &pred[i] {
                if !gold[i].iter().any(|(q, _)| q.start < r.end && r.start < q.end) {
                    eprintln!("SPUR {:?}\t{}\t| {}", l, w(r), s.forms.join(" "));
                }
            }
        }
    }
    let sc = ner::score(&gold, &pred);
    print!("{sc}");
    println!("F1 {:.2}", 100.0 * sc.micro.f1());
    if let Ok(p) = std::env::var("OUT") {
        let mut b = Vec::new();
        rec.write(&mut b).unwrap();
        std::fs::write(p, b).unwrap();
    }
}
