//! What the table renderers share: the table itself and how its columns
//! are fitted to the width, and the words a table shows for plurals,
//! values and a question's consensus.

use super::Look;
use crate::credibility::consensus::{Consensus, finite};
use crate::escape::cell;
use crate::store::{ClaimIx, Store};
use crate::value::{Interval, group_thousands};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

/// An empty table in the house style, laid out to the width of `look`.
pub(crate) fn new_table(look: Look) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(look.width);
    table
}

/// `n` and the word for it: "1 source", "2 sources".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Ids, values and dates are read and copied: keep them on one line
/// (up to a cap) while the width allows; the other columns wrap. `floors`
/// lists the columns to keep whole, most important first; when the width
/// is short, the least important give way first.
pub(crate) fn fit_columns(table: &mut Table, width: u16, floors: &[(usize, u16)]) {
    const NARROWEST: u16 = 6;
    let content = table.column_max_content_widths();
    let columns = content.len() as u16;
    // Borders and padding: "│ " before each column, " │" at the end.
    let room = width.saturating_sub(3 * columns + 1);
    // The wrapping columns keep up to 16 characters of room.
    let reserve: u16 = (0..content.len())
        .filter(|i| !floors.iter().any(|(f, _)| f == i))
        .map(|i| content[i].min(16))
        .sum();
    let mut wanted: Vec<(usize, u16)> = floors
        .iter()
        .filter_map(|&(i, cap)| content.get(i).map(|&w| (i, w.min(cap))))
        .collect();
    let mut excess = wanted
        .iter()
        .map(|(_, w)| *w)
        .sum::<u16>()
        .saturating_sub(room.saturating_sub(reserve));
    for (_, w) in wanted.iter_mut().rev() {
        let give = excess.min(w.saturating_sub(NARROWEST));
        *w -= give;
        excess -= give;
    }
    for (i, w) in wanted {
        if let Some(c) = table.column_mut(i) {
            // comfy-table counts the padding (one space each side) in the width.
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w + 2)));
        }
    }
}

/// A stored claim's value in words, escaped for the terminal.
pub(crate) fn value_words(store: &Store, c: ClaimIx) -> String {
    cell(&store.claim(c).value.words(store.is_percent(c))).into_owned()
}

/// The interval in words: "62 or more", "between 60 and 70", "exactly 62".
fn interval_words(interval: &Interval, percent: bool) -> String {
    let n = |v: f64| {
        let mut s = group_thousands(v);
        if percent {
            s.push('%');
        }
        s
    };
    match (finite(interval.low), finite(interval.high)) {
        (Some(a), Some(b)) if a == b => format!("exactly {}", n(a)),
        (Some(a), Some(b)) => format!("between {} and {}", n(a), n(b)),
        (Some(a), None) => format!("{} or more", n(a)),
        (None, Some(b)) => format!("{} or less", n(b)),
        (None, None) => "any figure".to_string(),
    }
}

/// One line under a question's table in the report.
pub(crate) fn consensus_line(store: &Store, c: &Consensus) -> String {
    let mut line = if c.tied {
        format!(
            "consensus: none, the conflicting values are equally supported (confidence {:.2} each)",
            c.confidence
        )
    } else {
        format!(
            "consensus: {} (confidence {:.2}",
            value_words(store, c.claim),
            c.confidence
        )
    };
    if !c.tied {
        if let Some(interval) = &c.interval {
            line.push_str(&format!(
                "; the evidence allows {}",
                interval_words(interval, store.is_percent(c.claim))
            ));
        }
        line.push(')');
    }
    if c.weak {
        line.push_str(&format!(
            " · weak evidence: {}",
            plural(c.sources, "independent source", "independent sources")
        ));
    }
    line
}

/// A relay chain in words, escaped: "ocha, then afp".
pub(crate) fn relay_words(store: &crate::store::Store, via: &[crate::store::SourceIx]) -> String {
    via.iter()
        .map(|&v| crate::escape::escape(&store.source(v).id).into_owned())
        .collect::<Vec<_>>()
        .join(", then ")
}
