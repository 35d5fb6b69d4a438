//! The event filters shared by `annals query` and `annals export`: one set
//! of options, one meaning (the SQL of annals-store's `select` module).

use annals_store::Filter;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Actor code prefix, source or target (NER, NERGOV, PSEREBHMS).
    #[arg(long)]
    actor: Option<String>,
    /// Actor name: words in the source's or target's name or text, any case
    /// ("hamas", "Egypt"). A substring match ("Niger" finds "Nigeria" too);
    /// use --actor for codes.
    #[arg(long, value_name = "TEXT")]
    actor_name: Option<String>,
    /// Place: words in the place's name or text, any case ("doha").
    #[arg(long, value_name = "TEXT")]
    place: Option<String>,
    /// Country (ISO alpha-3) of the event's place only.
    #[arg(long, value_name = "ISO3")]
    place_country: Option<String>,
    /// CAMEO code prefix (04 = consult, 0841 = release persons).
    #[arg(long)]
    cameo: Option<String>,
    /// PLOVER category (CONSULT, ASSAULT, ...).
    #[arg(long)]
    plover: Option<String>,
    /// Mode: asserted, negated, proposed, requested, intended, hypothetical, future.
    #[arg(long)]
    mode: Option<String>,
    /// Country (ISO alpha-3) of the source, target or place.
    #[arg(long)]
    country: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    from: Option<String>,
    /// To this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    to: Option<String>,
    /// Apply --from/--to to the article's publication date instead of the event date.
    #[arg(long)]
    published: bool,
    /// Full-text search over event sentences (SQLite FTS5 syntax: words, "phrases", OR, NEAR).
    #[arg(long)]
    text: Option<String>,
}

impl FilterArgs {
    /// The store's filter, with at most `limit` events when listing.
    pub fn filter(self, limit: Option<usize>) -> Filter {
        let (event, published) =
            if self.published { ((None, None), (self.from, self.to)) } else { ((self.from, self.to), (None, None)) };
        Filter {
            actor: self.actor,
            actor_name: self.actor_name,
            place: self.place,
            place_country: self.place_country,
            cameo: self.cameo,
            plover: self.plover,
            mode: self.mode,
            event_from: event.0,
            event_to: event.1,
            published_from: published.0,
            published_to: published.1,
            country: self.country,
            text: self.text,
            limit,
        }
    }
}
