//! `report --format html`: one self-contained page to send to an editor.
//!
//! Everything is inline: the style sheet, and for each number question a
//! timeline chart in SVG drawn from [`crate::timeline`] (each source's
//! figures as steps, the interval a claim allows as a band, revisions
//! joined, contradictions as red dashes between the claims). No script, no
//! font, no image is fetched: the page reads the same from a mail
//! attachment, offline, years later. Store text is escaped for the
//! terminal (the page may be printed to one) and then for HTML.

use super::layout::{consensus_line, plural, relay_words, value_words};
use super::table::{ask_line, repeat_line, revision_line, standing, walk_back_line};
use crate::date::ClaimDate;
use crate::diff::{Segment, WordDiff};
use crate::escape::escape;
use crate::graph::Status;
use crate::relate::Basis;
use crate::report::{Divergence, QuestionReport, Report};
use crate::store::{ClaimIx, Store};
use crate::timeline::{self, Timeline};
use crate::value::group_thousands;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Text made safe for HTML (and for a terminal, first).
pub(crate) fn h(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A word diff: removed words struck in red, added words in green.
pub(crate) fn html_diff(diff: &WordDiff) -> String {
    let mut out = String::new();
    for segment in &diff.segments {
        match segment {
            Segment::Same(t) => out.push_str(&h(t)),
            Segment::Removed(t) => {
                let _ = write!(out, "<del>{}</del>", h(t));
            }
            Segment::Added(t) => {
                let _ = write!(out, "<ins>{}</ins>", h(t));
            }
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --line: #d2d2d7; --red: #c9252c; --green: #1a7f37; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 4px; padding-top: 12px; border-top: 1px solid var(--line); }
h2 code { font-size: 17px; }
.summary, .ask, .note { color: var(--muted); margin: 4px 0 10px; }
.status { font-size: 13px; font-weight: 600; padding: 1px 8px; border-radius: 10px; margin-left: 6px; vertical-align: 2px; }
.status.contradiction { background: #fde7e8; color: var(--red); }
.status.consistent { background: #e3f4e8; color: var(--green); }
.status.single { background: #eee; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 10px 0 14px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f7; font-weight: 600; }
td.value, td.date, td.gap { white-space: nowrap; }
.dim { color: var(--muted); }
del { color: var(--red); background: #fde7e8; text-decoration: line-through; }
ins { color: var(--green); background: #e3f4e8; text-decoration: none; }
.standing { margin: 0 0 8px; }
.walked-back, li.walk-back { color: var(--red); }
ul.revisions { margin: 6px 0 12px; padding-left: 20px; }
figure.timeline { margin: 12px 0 8px; }
figure.timeline svg { width: 100%; height: auto; max-width: 980px; display: block; }
figure.timeline figcaption { font-size: 13px; color: var(--muted); }
ul.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; }
ul.legend li span.swatch { display: inline-block; width: 14px; height: 4px; margin-right: 6px; vertical-align: middle; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #555; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
"#;

/// Source colours on the charts; red is kept for contradictions.
const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
    "#bcbd22", "#393b79",
];
const RED: &str = "#c9252c";

/// The whole report as one page.
pub fn report(out: &mut dyn Write, store: &Store, report: &Report) -> io::Result<()> {
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let titles: Vec<String> = {
        let mut events: Vec<_> = report
            .questions
            .iter()
            .map(|q| store.question(q.question).event)
            .collect();
        events.sort();
        events.dedup();
        events
            .iter()
            .map(|&e| {
                let event = store.event(e);
                h(event.title.as_deref().unwrap_or(&event.id))
            })
            .collect()
    };
    let title = if titles.is_empty() {
        "recoupe report".to_string()
    } else {
        titles.join(" · ")
    };
    let _ = writeln!(page, "<title>{title} — recoupe</title>");
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(page, "<h1>{title}</h1>");
    let n = report.questions.len();
    let _ = writeln!(
        page,
        "<p class=\"summary\">{}: {} with contradictions, {} consistent, {} answered by one source.</p>",
        plural(n, "question", "questions"),
        report.count(Status::Contradiction),
        report.count(Status::Consistent),
        report.count(Status::Single),
    );
    for qr in &report.questions {
        question(&mut page, store, qr);
    }
    page.push_str(
        "<footer>Made by recoupe from the store's claims. A score computed from agreement is not truth.</footer>\n",
    );
    page.push_str("</main>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

/// The id of a question's section on the page (`q-EVENT-QUESTION`, letters and
/// digits kept, the rest `-`): what a ClaimReview's `url` points at.
pub(crate) fn anchor(key: &str) -> String {
    let id: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("q-{id}")
}

fn question(page: &mut String, store: &Store, qr: &QuestionReport) {
    let key = store.question_key(qr.question);
    let _ = write!(
        page,
        "<section class=\"question\" id=\"{}\">\n<h2><code>{}</code><span class=\"status {}\">{}</span>",
        anchor(&key),
        h(&key),
        qr.status.name(),
        qr.status.name()
    );
    if let Some(gap) = qr.max_gap {
        let _ = write!(page, " <span class=\"dim\">widest gap {gap:.2}</span>");
    }
    page.push_str("</h2>\n");
    let _ = writeln!(page, "<p class=\"ask\">{}</p>", h(&ask_line(store, qr)));
    let _ = write!(
        page,
        "<p class=\"standing\">standing: <strong>{}</strong>",
        qr.standing.name()
    );
    if qr.walked_back() {
        page.push_str(", <strong class=\"walked-back\">walked back</strong>");
    }
    page.push_str("</p>\n");
    if let Some(t) = timeline::of_question(store, qr) {
        chart(page, store, qr, &t);
    }
    claims_table(page, store, qr);
    if let Some(consensus) = &qr.consensus {
        let _ = writeln!(
            page,
            "<p class=\"consensus\">{}</p>",
            h(&consensus_line(store, consensus))
        );
    }
    if !qr.revisions.is_empty() || !qr.walk_backs.is_empty() {
        page.push_str("<ul class=\"revisions\">\n");
        for chain in &qr.revisions {
            let _ = writeln!(page, "<li>{}</li>", h(&revision_line(store, chain)));
        }
        for w in &qr.walk_backs {
            let _ = writeln!(
                page,
                "<li class=\"walk-back\"><strong>{}</strong></li>",
                h(&walk_back_line(store, w))
            );
        }
        for line in qr.claims.iter().filter(|l| l.repeats.is_some()) {
            let _ = writeln!(page, "<li>{}</li>", h(&repeat_line(store, line)));
        }
        page.push_str("</ul>\n");
    }
    divergences(page, store, &qr.divergences, "contradiction");
    let more = qr.unlisted_contradictions();
    if more > 0 {
        let _ = writeln!(
            page,
            "<p class=\"note\">… and {} (<code>--format json</code> lists them all)</p>",
            plural(more, "more contradiction", "more contradictions")
        );
    }
    divergences(page, store, &qr.earlier, "disputed earlier");
    let more = qr.unlisted_earlier();
    if more > 0 {
        let _ = writeln!(
            page,
            "<p class=\"note\">… and {} disputed earlier (<code>--format json</code> lists them all)</p>",
            plural(more, "more contradiction", "more contradictions")
        );
    }
    page.push_str("</section>\n");
}

fn claims_table(page: &mut String, store: &Store, qr: &QuestionReport) {
    page.push_str("<table class=\"claims\">\n<thead><tr><th>claim</th><th>source</th><th>value</th><th>date</th><th>standing</th></tr></thead>\n<tbody>\n");
    for line in qr.claims.iter().filter(|l| l.current) {
        let claim = store.claim(line.claim);
        let source = store.source(claim.source);
        let mut who = h(&source.id);
        if !claim.via.is_empty() {
            let _ = write!(
                who,
                " <span class=\"dim\">via {}</span>",
                h(&relay_words(store, &claim.via))
            );
        }
        if let Some(alignment) = &source.alignment {
            let _ = write!(who, "<br><span class=\"dim\">{}</span>", h(alignment));
        }
        if let Some(person) = &claim.said_by {
            let _ = write!(who, "<br><span class=\"dim\">said by {}</span>", h(person));
        }
        let standing: Vec<String> = standing(store, line).lines().map(h).collect();
        let id = match &claim.provenance.url {
            // The loader lets only http(s) addresses through.
            Some(url) => format!("<a href=\"{}\"><code>{}</code></a>", h(url), h(&claim.id)),
            None => format!("<code>{}</code>", h(&claim.id)),
        };
        let _ = writeln!(
            page,
            "<tr><td>{id}</td><td>{who}</td><td class=\"value\">{}</td><td class=\"date\">{}</td><td>{}</td></tr>",
            h(&value_words(store, line.claim)),
            claim.date.map_or("undated".to_string(), |d| d.to_string()),
            standing.join("<br>")
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

fn divergences(page: &mut String, store: &Store, list: &[Divergence], title: &str) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(
        page,
        "<table class=\"divergences\">\n<thead><tr><th>{title}</th><th>gap</th><th>wording</th></tr></thead>\n<tbody>"
    );
    let who = |c: ClaimIx| {
        let claim = store.claim(c);
        format!(
            "<code>{}</code> ({})",
            h(&claim.id),
            h(&store.source(claim.source).id)
        )
    };
    for d in list {
        let mut gap = format!("{:.2}", d.gap);
        if d.basis == Basis::Analyst {
            gap.push_str("<br><span class=\"dim\">analyst</span>");
        }
        let wording = match &d.wording {
            Some(w) => {
                let mut note = w.lang.as_deref().map_or(String::new(), |l| h(l) + " ");
                if w.translated {
                    note.push_str("(translations) ");
                }
                format!("<span class=\"dim\">{note}</span>{}", html_diff(&w.diff))
            }
            None => "<span class=\"dim\">(no wording in a common language)</span>".to_string(),
        };
        let _ = writeln!(
            page,
            "<tr><td>{}<br>× {}{}</td><td class=\"gap\">{gap}</td><td class=\"wording\">{wording}</td></tr>",
            who(d.a),
            who(d.b),
            match d.historic {
                Some(historic) => match historic.until {
                    Some(day) => format!("<br><span class=\"dim\">until {day}</span>"),
                    None => "<br><span class=\"dim\">earlier</span>".to_string(),
                },
                None => String::new(),
            }
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

/// A "nice" step for about `count` ticks over `span`: 1, 2 or 5 × 10^k.
fn nice_step(span: f64, count: f64) -> f64 {
    let raw = (span / count).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    let nice = if residual <= 1.0 {
        1.0
    } else if residual <= 2.0 {
        2.0
    } else if residual <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The chart's frame: where days and figures land.
struct Frame {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    day0: f64,
    day1: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn x(&self, day: f64) -> f64 {
        self.left + (day - self.day0) / (self.day1 - self.day0) * self.width
    }
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.y0, self.y1);
        self.top + self.height - (v - self.y0) / (self.y1 - self.y0) * self.height
    }
    fn right(&self) -> f64 {
        self.left + self.width
    }
    fn bottom(&self) -> f64 {
        self.top + self.height
    }
}

fn chart(page: &mut String, store: &Store, qr: &QuestionReport, t: &Timeline) {
    const W: f64 = 960.0;
    const H: f64 = 320.0;
    let percent = store.question(qr.question).in_percent(None);
    // Days: a claim dated to the day covers that day; room on the right
    // for what is still current.
    let span = (t.end - t.start + 1) as f64;
    let day0 = t.start as f64 - 0.5;
    let day1 = t.end as f64 + 1.0 + (span * 0.12).max(1.0);
    let (lo, hi) = (t.min.min(if t.min >= 0.0 { 0.0 } else { t.min }), t.max);
    let step = nice_step((hi - lo).max(1.0) * 1.1, 5.0);
    let y0 = (lo / step).floor() * step;
    let y1 = ((hi * 1.08) / step).ceil().max(y0 / step + 1.0) * step;
    let f = Frame {
        left: 72.0,
        top: 14.0,
        width: W - 72.0 - 16.0,
        height: H - 14.0 - 38.0,
        day0,
        day1,
        y0,
        y1,
    };
    let key = store.question_key(qr.question);
    let _ = write!(
        page,
        "<figure class=\"timeline\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">\n<title>{} over time</title>\n",
        h(&format!("timeline of {key}")),
        h(&key)
    );
    // Grid and axes.
    let mut v = y0;
    while v <= y1 + step / 2.0 {
        let y = f.y(v);
        let mut label = group_thousands(v);
        if percent {
            label.push('%');
        }
        let _ = writeln!(
            page,
            "<line class=\"grid\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e5e5ea\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            f.left,
            f.right(),
            f.left - 6.0,
            y + 4.0,
            h(&label)
        );
        v += step;
    }
    let days = [1i64, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826];
    let tick = days
        .iter()
        .copied()
        .find(|d| (day1 - day0) / (*d as f64) <= 9.0)
        .unwrap_or(3652);
    let mut day = t.start;
    while (day as f64) < day1 {
        let x = f.x(day as f64);
        let date = ClaimDate::from_days(day);
        let label = if tick >= 30 { date.month_of() } else { date };
        let _ = writeln!(
            page,
            "<line class=\"tick\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#c7c7cc\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text>",
            f.bottom(),
            f.bottom() + 5.0,
            f.bottom() + 19.0
        );
        day += tick;
    }
    let _ = writeln!(
        page,
        "<line class=\"axis\" x1=\"{l:.1}\" y1=\"{b:.1}\" x2=\"{r:.1}\" y2=\"{b:.1}\" stroke=\"#8e8e93\"/><line class=\"axis\" x1=\"{l:.1}\" y1=\"{t:.1}\" x2=\"{l:.1}\" y2=\"{b:.1}\" stroke=\"#8e8e93\"/>",
        l = f.left,
        r = f.right(),
        t = f.top,
        b = f.bottom()
    );
    let colour = |i: usize| PALETTE[i % PALETTE.len()];
    let mut points: Vec<(ClaimIx, f64, f64)> = Vec::new();
    // Bands under lines, lines under points.
    for (i, series) in t.series.iter().enumerate() {
        let c = colour(i);
        let _ = writeln!(
            page,
            "<g class=\"series\" data-source=\"{}\">",
            h(&store.source(series.source).id)
        );
        for s in series.steps.iter().filter(|s| s.band) {
            let x1 = f.x(s.from as f64);
            let x2 = f.x(s.until.map_or(day1, |d| d as f64));
            let top = s.high.map_or(f.top, |v| f.y(v));
            let bottom = s.low.map_or(f.bottom(), |v| f.y(v));
            let open = if s.low.is_none() || s.high.is_none() {
                " open"
            } else {
                ""
            };
            let _ = writeln!(
                page,
                "<rect class=\"band{open}\" x=\"{x1:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{c}\" fill-opacity=\"{}\"/>",
                (x2 - x1).max(2.0),
                (bottom - top).max(1.0),
                match (open.is_empty(), s.current) {
                    (true, true) => 0.2,
                    (false, true) => 0.1,
                    _ => 0.07,
                }
            );
        }
        for (k, s) in series.steps.iter().enumerate() {
            let x1 = f.x(s.from as f64);
            let x2 = f.x(s.until.map_or(day1, |d| d as f64));
            let title = h(&format!(
                "{} · {} · {} · {}",
                store.claim(s.claim).id,
                store.source(series.source).id,
                value_words(store, s.claim),
                store
                    .claim(s.claim)
                    .date
                    .map_or(String::new(), |d| d.to_string())
            ));
            let Some(v) = s.figure else {
                // No figure: a diamond on the time axis.
                let (x, y) = (x1, f.bottom());
                let _ = writeln!(
                    page,
                    "<path class=\"claim text-only\" d=\"M{x:.1} {:.1} l6 6 l-6 6 l-6 -6 z\" fill=\"{c}\"><title>{title}</title></path>",
                    y - 6.0
                );
                points.push((s.claim, x, y));
                continue;
            };
            let y = f.y(v);
            let dash = if s.current {
                ""
            } else {
                " stroke-dasharray=\"5 3\""
            };
            let _ = writeln!(
                page,
                "<line class=\"step\" x1=\"{x1:.1}\" y1=\"{y:.1}\" x2=\"{x2:.1}\" y2=\"{y:.1}\" stroke=\"{c}\" stroke-width=\"{}\"{dash}/>",
                if s.current { 2.5 } else { 1.5 }
            );
            if let (Some(next), Some(until)) = (series.steps.get(k + 1), s.until)
                && let Some(nv) = next.figure
            {
                let x = f.x(until as f64);
                let _ = writeln!(
                    page,
                    "<line class=\"revision\" x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{c}\" stroke-width=\"1.5\"/>",
                    f.y(nv)
                );
            }
            let _ = writeln!(
                page,
                "<circle class=\"claim\" cx=\"{x1:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{}\" stroke=\"{c}\" stroke-width=\"2\"><title>{title}</title></circle>",
                if s.current { c } else { "#fff" }
            );
            points.push((s.claim, x1, y));
        }
        page.push_str("</g>\n");
    }
    let at = |c: ClaimIx| points.iter().find(|p| p.0 == c).map(|p| (p.1, p.2));
    for c in &t.contradictions {
        if let (Some((xa, ya)), Some((xb, yb))) = (at(c.a), at(c.b)) {
            let (class, verb, opacity) = if c.earlier {
                (
                    "contradiction earlier",
                    "contradicted, while both stood,",
                    0.45,
                )
            } else {
                ("contradiction", "contradicts", 1.0)
            };
            let _ = writeln!(
                page,
                "<g class=\"{class}\" opacity=\"{opacity}\"><title>{}</title><line x1=\"{xa:.1}\" y1=\"{ya:.1}\" x2=\"{xb:.1}\" y2=\"{yb:.1}\" stroke=\"{RED}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><circle cx=\"{xa:.1}\" cy=\"{ya:.1}\" r=\"8\" fill=\"none\" stroke=\"{RED}\" stroke-width=\"1.5\"/><circle cx=\"{xb:.1}\" cy=\"{yb:.1}\" r=\"8\" fill=\"none\" stroke=\"{RED}\" stroke-width=\"1.5\"/></g>",
                h(&format!(
                    "{} {verb} {}",
                    store.claim(c.a).id,
                    store.claim(c.b).id
                ))
            );
        }
    }
    // A walk-back: a red arrow down the revision, labelled.
    for &(older, newer) in &t.walk_backs {
        if let (Some((xo, yo)), Some((xn, yn))) = (at(older), at(newer)) {
            let x = xn.max(xo);
            let _ = writeln!(
                page,
                "<g class=\"walk-back\"><title>{}</title><line x1=\"{x:.1}\" y1=\"{yo:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{RED}\" stroke-width=\"3\"/><path d=\"M{:.1} {:.1} l6 -10 l-12 0 z\" fill=\"{RED}\"/><text x=\"{:.1}\" y=\"{:.1}\" style=\"fill:{RED};font-weight:600\">walked back by {}</text></g>",
                h(&format!(
                    "{} walked back: {} → {}",
                    store.source(store.claim(newer).source).id,
                    value_words(store, older),
                    value_words(store, newer)
                )),
                yn - 8.0,
                x,
                yn - 1.0,
                x + 8.0,
                (yo + yn) / 2.0,
                h(&store.source(store.claim(newer).source).id)
            );
        }
    }
    page.push_str("</svg>\n<figcaption>\n<ul class=\"legend\">\n");
    for (i, series) in t.series.iter().enumerate() {
        let source = store.source(series.source);
        let _ = writeln!(
            page,
            "<li title=\"{}\"><span class=\"swatch\" style=\"background:{}\"></span>{}</li>",
            h(&source.name),
            colour(i),
            h(&source.id)
        );
    }
    let _ = writeln!(
        page,
        "<li><span class=\"swatch\" style=\"background:{RED}\"></span>contradiction</li>\n<li><span class=\"swatch\" style=\"background:{RED};opacity:0.45\"></span>earlier dispute</li>\n</ul>\nEach source's figures over time: a dot where a claim was made, a line while it stood (dashed once revised), a shaded band for the range it allows; a vertical line joins a revision."
    );
    if !t.undated.is_empty() {
        let ids: Vec<String> = t.undated.iter().map(|&c| h(&store.claim(c).id)).collect();
        let _ = write!(page, " Undated, not drawn: {}.", ids.join(", "));
    }
    page.push_str("\n</figcaption>\n</figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_store_text_stays_text() {
        assert_eq!(
            h("<script>alert('x')</script> & \u{1b}[2J"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; \\u{1b}[2J"
        );
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_step(11300.0, 5.0), 5000.0);
        assert_eq!(nice_step(62.0, 5.0), 20.0);
        assert_eq!(nice_step(1.0, 5.0), 0.2);
    }
}
