//! What the table renderers share: the table itself and how its columns
//! are fitted to the width, and the words a table shows for plurals,
//! values and a question's consensus.
//!
//! Ids, dates and figures are read and copied, so a table never breaks a
//! word: each column is at least as wide as its longest word, and the
//! renderer marks which lines are prose that may also wrap at hyphens and
//! which figures stay on one line ([`Cell`]). Under [`COMPACT_BELOW`]
//! columns a table drops its borders, so that 80 columns still hold a
//! table with whole ids; when the words still do not fit, secondary
//! columns fold under others in the same row. When even that cannot hold
//! them, or the width is under [`STACK_BELOW`] columns, the table becomes
//! a stack of records, one block each, a `label: value` line per column,
//! which reads at any width.

use super::Look;
use crate::credibility::consensus::{Consensus, finite};
use crate::escape::cell;
use crate::store::{ClaimIx, QuestionIx, Store};
use crate::value::{Interval, group_thousands};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::fmt;
use textwrap::core::display_width;

/// Below this width tables are stacked: under 70 columns a table of four
/// or five columns leaves each a dozen characters, too few for ids.
pub(crate) const STACK_BELOW: u16 = 70;

/// Below this width tables are compact: no borders, two spaces (one when
/// short of room) between columns, a rule under the header. At 80 columns
/// the borders of a five-column table take 16 characters, a fifth of the
/// line.
pub(crate) const COMPACT_BELOW: u16 = 100;

/// How a line of a cell may wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// Ids, dates, figures and the words around them: wrapped at spaces
    /// only, never inside a word.
    Words,
    /// Labels and names written by people ("opposition-leaning", "said by
    /// Abdel-Jalil"): also wrapped after a hyphen between two letters.
    Prose,
    /// A figure in words ("at least 3,958", "between 200 and 999") or a
    /// count ("contradicted by 2"): kept on one line, as it is read.
    Whole,
}

/// A table cell: lines, each marked with how it may wrap. Built by the
/// renderer that knows what each line holds; [`Grid`] only lays it out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    lines: Vec<(String, Wrap)>,
}

impl Cell {
    /// A cell whose lines are ids, dates or figures (see [`Wrap::Words`]).
    pub(crate) fn words(text: impl Into<String>) -> Cell {
        Cell::default().and(text, Wrap::Words)
    }

    /// A cell whose lines are each kept whole (see [`Wrap::Whole`]).
    pub(crate) fn whole(text: impl Into<String>) -> Cell {
        Cell::default().and(text, Wrap::Whole)
    }

    /// This cell with the lines of `text` added under it, wrapping as `wrap`.
    pub(crate) fn and(mut self, text: impl Into<String>, wrap: Wrap) -> Cell {
        let text = text.into();
        self.lines
            .extend(text.lines().map(|l| (l.to_string(), wrap)));
        self
    }

    fn is_empty(&self) -> bool {
        self.lines.iter().all(|(l, _)| l.trim().is_empty())
    }

    /// The width of each line and of the widest piece that cannot be
    /// broken.
    fn extent(&self) -> (Vec<usize>, usize) {
        let mut word = 0;
        for (line, wrap) in &self.lines {
            if *wrap == Wrap::Whole {
                word = word.max(display_width(line));
                continue;
            }
            for w in line.split(' ') {
                word = word.max(unbreakable(w, *wrap));
            }
        }
        let widths = self.lines.iter().map(|(l, _)| display_width(l)).collect();
        (widths, word)
    }

    /// The lines wrapped to `width`, styles carried across the breaks.
    fn wrapped(&self, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        for (line, wrap) in &self.lines {
            if *wrap == Wrap::Whole {
                out.push(line.clone());
                continue;
            }
            let options = textwrap::Options::new(width.max(1))
                .break_words(false)
                .word_splitter(splitter(*wrap));
            let lines: Vec<String> = textwrap::wrap(line, options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            out.extend(carry_styles(lines));
        }
        out
    }
}

impl Cell {
    /// The cell's height at `width`, and the least wider width at which it
    /// may take fewer lines (where the first piece of a wrapped line would
    /// join the line before it), from one wrapping.
    fn fit(&self, width: usize) -> (usize, Option<usize>) {
        let mut height = 0;
        let mut next: Option<usize> = None;
        for (line, wrap) in &self.lines {
            if *wrap == Wrap::Whole {
                height += 1;
                continue;
            }
            let options = textwrap::Options::new(width.max(1))
                .break_words(false)
                .word_splitter(splitter(*wrap));
            let wrapped = textwrap::wrap(line, options);
            height += wrapped.len();
            for pair in wrapped.windows(2) {
                let joint = usize::from(!pair[0].ends_with('-'));
                let first = pair[1].split(' ').next().unwrap_or("");
                let at = display_width(&pair[0]) + joint + first_piece(first, *wrap);
                if at > width {
                    next = Some(next.map_or(at, |n| n.min(at)));
                }
            }
        }
        (height.max(1), next)
    }
}

/// The width of the first piece of `word` that wrapping keeps whole.
fn first_piece(word: &str, wrap: Wrap) -> usize {
    match wrap {
        Wrap::Prose => {
            let cut = prose_split_points(word).first().copied();
            display_width(&word[..cut.unwrap_or(word.len())])
        }
        _ => display_width(word),
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::words(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::words(text)
    }
}

/// Where a word may be split: after a hyphen between two letters (so
/// "opposition-leaning", but never "2018-03" or "[-62-]").
fn prose_split_points(word: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    chars
        .windows(3)
        .filter(|w| w[1].1 == '-' && w[0].1.is_alphabetic() && w[2].1.is_alphabetic())
        .map(|w| w[2].0)
        .collect()
}

fn splitter(wrap: Wrap) -> textwrap::WordSplitter {
    match wrap {
        // Stacked, a whole line that is too long wraps at its spaces.
        Wrap::Words | Wrap::Whole => textwrap::WordSplitter::NoHyphenation,
        Wrap::Prose => textwrap::WordSplitter::Custom(prose_split_points),
    }
}

/// The width of the widest piece of `word` that wrapping keeps whole.
fn unbreakable(word: &str, wrap: Wrap) -> usize {
    match wrap {
        Wrap::Words | Wrap::Whole => display_width(word),
        Wrap::Prose => {
            let mut at = 0;
            let mut widest = 0;
            for cut in prose_split_points(word).into_iter().chain([word.len()]) {
                widest = widest.max(display_width(&word[at..cut]));
                at = cut;
            }
            widest
        }
    }
}

/// The wrapped lines of one styled line, each closing the style it leaves
/// open and the next reopening it, so a style never runs into a border.
fn carry_styles(lines: Vec<String>) -> Vec<String> {
    let mut open: Option<String> = None;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut shown = open.clone().unwrap_or_default();
        shown.push_str(&line);
        let mut rest = line.as_str();
        while let Some(at) = rest.find("\x1b[") {
            let tail = &rest[at..];
            let Some(end) = tail.find('m') else { break };
            let seq = &tail[..=end];
            open = if seq == "\x1b[0m" || seq == "\x1b[m" {
                None
            } else {
                Some(seq.to_string())
            };
            rest = &tail[end + 1..];
        }
        if open.is_some() {
            shown.push_str("\x1b[0m");
        }
        out.push(shown);
    }
    out
}

/// Rows of cells under a header, written as a table when the width allows
/// every column its longest word, else stacked (see the module's doc).
pub(crate) struct Grid {
    look: Look,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    priority: Vec<usize>,
    folds: Vec<(usize, usize)>,
}

/// How a grid is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// comfy-table's borders.
    Bordered,
    /// No borders, this many spaces between columns.
    Compact(usize),
}

/// A grid ready to draw: its style, header, rows and column widths.
struct Layout {
    style: Style,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    widths: Vec<usize>,
}

impl Grid {
    /// An empty grid with these column names.
    pub(crate) fn new(look: Look, header: &[&str]) -> Grid {
        Grid {
            look,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            priority: Vec::new(),
            folds: Vec::new(),
        }
    }

    /// Adds a row of cells, one per column, already escaped.
    pub(crate) fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// The columns to keep on one line, most important first: when two
    /// columns need the same room for a line to fit whole, the first
    /// listed gets it.
    pub(crate) fn keep(&mut self, priority: &[usize]) {
        self.priority = priority.to_vec();
    }

    /// Secondary columns that, in this order, move under another column
    /// of the same row when the table does not fit otherwise: `(moved,
    /// under)`, as a date under its claim.
    pub(crate) fn fold(&mut self, folds: &[(usize, usize)]) {
        self.folds = folds.to_vec();
    }

    /// The header, rows and priority with the first `k` folds made: the
    /// header "claim · date", the moved cell's lines under the other's.
    #[allow(clippy::type_complexity)]
    fn folded(&self, k: usize) -> (Vec<String>, Vec<Vec<Cell>>, Vec<usize>) {
        let n = self.header.len();
        let mut header = self.header.clone();
        let mut rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.resize(n, Cell::default());
                r
            })
            .collect();
        // The original column of each column left.
        let mut origin: Vec<usize> = (0..n).collect();
        for &(moved, under) in self.folds.iter().take(k) {
            let (Some(m), Some(u)) = (
                origin.iter().position(|&o| o == moved),
                origin.iter().position(|&o| o == under),
            ) else {
                continue;
            };
            if m == u {
                continue;
            }
            header[u] = format!("{} · {}", header[u], header[m]);
            header.remove(m);
            let target = if m < u { u - 1 } else { u };
            for r in &mut rows {
                let cell = r.remove(m);
                r[target].lines.extend(cell.lines);
            }
            origin.remove(m);
        }
        let priority = self
            .priority
            .iter()
            .filter_map(|&i| origin.iter().position(|&o| o == i))
            .collect();
        (header, rows, priority)
    }

    /// Bordered from [`COMPACT_BELOW`] columns when it fits, else compact;
    /// in each, with the fewest folds that fit (none, then one more at a
    /// time) and, compact, with two spaces between columns or one,
    /// whichever takes fewer lines (two when equal). `None` when none fits
    /// (a column narrower than its widest word) or the width is under
    /// [`STACK_BELOW`].
    fn layout(&self) -> Option<Layout> {
        if self.look.width < STACK_BELOW {
            return None;
        }
        let width = usize::from(self.look.width);
        let mut groups = Vec::new();
        if self.look.width >= COMPACT_BELOW {
            groups.push(vec![Style::Bordered]);
        }
        groups.push(vec![Style::Compact(2), Style::Compact(1)]);
        for styles in groups {
            for k in 0..=self.folds.len() {
                let mut best: Option<(usize, Layout)> = None;
                let (header, rows, priority) = self.folded(k);
                let n = header.len();
                let mut full = vec![1; n];
                let mut word = vec![1; n];
                let head: Vec<Cell> = header.iter().map(|h| Cell::words(h.as_str())).collect();
                for cells in std::iter::once(&head).chain(&rows) {
                    for (i, c) in cells.iter().enumerate().take(n) {
                        let (widths, w) = c.extent();
                        full[i] = widths.into_iter().fold(full[i], usize::max);
                        word[i] = word[i].max(w);
                    }
                }
                let measured: Vec<&Vec<Cell>> = std::iter::once(&head)
                    .chain(&rows)
                    .take(ROWS_MEASURED)
                    .collect();
                // Heights per (column, width), shared by the styles tried.
                let mut cache = std::collections::HashMap::new();
                for &style in &styles {
                    let edges = match style {
                        // "│ " before each column, " │" at the end.
                        Style::Bordered => 3 * n + 1,
                        Style::Compact(gap) => gap * n.saturating_sub(1),
                    };
                    let Some(room) = width.checked_sub(edges) else {
                        continue;
                    };
                    let mut heights = |i: usize, w: usize| {
                        cache
                            .entry((i, w))
                            .or_insert_with(|| {
                                let fits: Vec<(usize, Option<usize>)> =
                                    measured.iter().map(|r| r[i].fit(w)).collect();
                                let next = fits.iter().filter_map(|f| f.1).min();
                                (fits.into_iter().map(|f| f.0).collect::<Vec<_>>(), next)
                            })
                            .clone()
                    };
                    let Some(widths) = column_widths(&full, &word, &priority, room, &mut heights)
                    else {
                        continue;
                    };
                    let columns: Vec<Vec<usize>> =
                        (0..n).map(|i| heights(i, widths[i]).0).collect();
                    let height: usize = (0..measured.len())
                        .map(|r| columns.iter().map(|c| c[r]).max().unwrap_or(1))
                        .sum();
                    if best.as_ref().is_none_or(|(h, _)| height < *h) {
                        let layout = Layout {
                            style,
                            header: header.clone(),
                            rows: rows.clone(),
                            widths,
                        };
                        best = Some((height, layout));
                    }
                }
                if let Some((_, layout)) = best {
                    return Some(layout);
                }
            }
        }
        None
    }
}

/// The height of each measured row's cell in one column at one width, and
/// the least wider width at which one of them may change.
type Fit = (Vec<usize>, Option<usize>);

/// Rows whose wrapping decides the widths: a long table is laid out by its
/// first rows, so fitting it stays quick (every row still gets its widest
/// word).
const ROWS_MEASURED: usize = 200;

/// Content widths for columns whose widest line is `full` and widest
/// unbreakable piece `word`, in `room` characters, where `heights(i, w)`
/// is the height of each row's cell in column `i` at width `w` and the
/// least wider width at which one of them may change: every
/// column its widest piece (else `None`); then, while room is left, the
/// smallest widening of one column that makes the table shorter, or its
/// cells fewer lines in all (the larger saving on equal widening, then
/// the column first in `priority`, then the leftmost); what is left goes
/// to the columns that still wrap, narrowest first.
pub(crate) fn column_widths(
    full: &[usize],
    word: &[usize],
    priority: &[usize],
    room: usize,
    heights: &mut dyn FnMut(usize, usize) -> Fit,
) -> Option<Vec<usize>> {
    let mut w: Vec<usize> = word
        .iter()
        .zip(full)
        .map(|(&a, &b)| a.min(b).max(1))
        .collect();
    let mut spare = room.checked_sub(w.iter().sum())?;
    if full.iter().sum::<usize>() <= room {
        // Every line fits whole: nothing to choose.
        return Some(full.to_vec());
    }
    let rank = |i: usize| priority.iter().position(|&p| p == i).unwrap_or(usize::MAX);
    let mut current: Vec<Fit> = (0..w.len()).map(|i| heights(i, w[i])).collect();
    // The table's height in lines, then the lines of all its cells (so
    // that widening one of two wrapped cells of a row counts too).
    let total = |columns: &[Fit], i: usize, with: &[usize]| {
        let column = |j: usize| if j == i { with } else { &columns[j].0[..] };
        let rows = columns.iter().map(|c| c.0.len()).max().unwrap_or(0);
        let height: usize = (0..rows)
            .map(|r| {
                (0..columns.len())
                    .map(|j| column(j).get(r).copied().unwrap_or(1))
                    .max()
                    .unwrap_or(1)
            })
            .sum();
        let cells: usize = (0..columns.len())
            .map(|j| column(j).iter().sum::<usize>())
            .sum();
        (height, cells)
    };
    loop {
        let now = total(&current, usize::MAX, &[]);
        type Key = (usize, std::cmp::Reverse<(usize, usize)>, usize, usize);
        let mut best: Option<(Key, Fit)> = None;
        for i in 0..w.len() {
            // Only where a cell's wrapping changes: from break to break.
            let limit = full[i].min(w[i] + spare);
            let mut next = current[i].1;
            while let Some(x) = next.filter(|&x| x <= limit) {
                let with = heights(i, x);
                next = with.1.filter(|&n| n > x);
                if with.0 == current[i].0 {
                    continue;
                }
                let after = total(&current, i, &with.0);
                if after < now {
                    let saving = (now.0 - after.0, now.1.saturating_sub(after.1));
                    let key = (x - w[i], std::cmp::Reverse(saving), rank(i), i);
                    if best.as_ref().is_none_or(|(b, _)| key < *b) {
                        best = Some((key, with));
                    }
                    break;
                }
            }
        }
        let Some(((grow, _, _, i), with)) = best else {
            break;
        };
        w[i] += grow;
        spare -= grow;
        current[i] = with;
    }
    while spare > 0 {
        let Some(i) = (0..w.len())
            .filter(|&i| w[i] < full[i])
            .min_by_key(|&i| (w[i], i))
        else {
            break;
        };
        w[i] += 1;
        spare -= 1;
    }
    Some(w)
}

impl fmt::Display for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(Layout {
            style,
            header,
            rows,
            widths,
        }) = self.layout()
        else {
            return f.write_str(&self.stacked());
        };
        match style {
            Style::Bordered => {
                let mut table = new_table(self.look);
                table.set_header(header);
                for cells in &rows {
                    table.add_row(
                        cells
                            .iter()
                            .zip(&widths)
                            .map(|(c, &w)| c.wrapped(w).join("\n"))
                            .collect::<Vec<_>>(),
                    );
                }
                for (i, &w) in widths.iter().enumerate() {
                    if let Some(c) = table.column_mut(i) {
                        // comfy-table counts the padding (one space each side) in the width.
                        let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
                        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
                    }
                }
                write!(f, "{table}")
            }
            Style::Compact(gap) => {
                let head: Vec<Cell> = header.iter().map(|h| Cell::words(h.as_str())).collect();
                let mut out: Vec<String> = compact_lines(&head, &widths, gap)
                    .into_iter()
                    .map(|l| self.look.bold(&l))
                    .collect();
                let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
                out.push(self.look.dim(&rule.join(&" ".repeat(gap))));
                for cells in &rows {
                    out.extend(compact_lines(cells, &widths, gap));
                }
                f.write_str(&out.join("\n"))
            }
        }
    }
}

/// One row of a compact table: its cells wrapped to their widths, side by
/// side, `gap` spaces apart, without trailing spaces.
fn compact_lines(cells: &[Cell], widths: &[usize], gap: usize) -> Vec<String> {
    let columns: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| c.wrapped(w))
        .collect();
    let height = columns.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|k| {
            let mut line = String::new();
            for (i, (column, &w)) in columns.iter().zip(widths).enumerate() {
                if i > 0 {
                    line.push_str(&" ".repeat(gap));
                }
                let text = column.get(k).map_or("", String::as_str);
                line.push_str(text);
                line.push_str(&" ".repeat(w.saturating_sub(display_width(text))));
            }
            line.trim_end().to_string()
        })
        .collect()
}

impl Grid {
    /// One block per row: "• label: value" for its first column, then
    /// "  label: value" for each other column that has a value; a value's
    /// further lines and wrapped lines are indented under it.
    fn stacked(&self) -> String {
        let width = usize::from(self.look.width);
        let mut out = Vec::new();
        for cells in &self.rows {
            let mut first = true;
            for (label, value) in self.header.iter().zip(cells) {
                if value.is_empty() {
                    continue;
                }
                let lead = if first { "• " } else { "  " };
                first = false;
                for (k, (line, wrap)) in value.lines.iter().enumerate() {
                    let mut head = if k == 0 {
                        format!("{lead}{}: ", self.look.dim(&label.replace('\n', " ")))
                    } else {
                        "    ".to_string()
                    };
                    // A first word too long to follow the label starts
                    // the next line.
                    let first = line.split(' ').next().unwrap_or("");
                    if k == 0 && display_width(&head) + unbreakable(first, *wrap) > width {
                        out.push(head.trim_end().to_string());
                        head = "    ".to_string();
                    }
                    let options = textwrap::Options::new(width)
                        .initial_indent(&head)
                        .subsequent_indent("    ")
                        .break_words(false)
                        .word_splitter(splitter(*wrap));
                    for wrapped in textwrap::wrap(line, options) {
                        // A word wider than the indented line goes unindented.
                        let fits = display_width(&wrapped) <= width;
                        out.push(
                            if fits {
                                wrapped
                            } else {
                                wrapped.trim_start().into()
                            }
                            .into_owned(),
                        );
                    }
                }
            }
        }
        out.join("\n")
    }
}

/// How a table names the questions of its rows: in full
/// ("qadam-2018-03/pro-regime-killed"), or, in a compact table (under
/// [`COMPACT_BELOW`] columns) whose rows are all in one event, without the
/// event, which the column's header names once ("question in qadam-2018-03").
pub(crate) struct QuestionNames {
    event: Option<String>,
}

impl QuestionNames {
    /// How to name `questions`, the questions of a table's rows.
    pub(crate) fn new(
        store: &Store,
        look: Look,
        questions: impl IntoIterator<Item = QuestionIx>,
    ) -> QuestionNames {
        let mut events = questions.into_iter().map(|q| store.question(q).event);
        let event = match events.next() {
            Some(first) if look.width < COMPACT_BELOW && events.all(|e| e == first) => {
                Some(cell(&store.event(first).id).into_owned())
            }
            _ => None,
        };
        QuestionNames { event }
    }

    /// The column's header: "question", or "question in EVENT".
    pub(crate) fn header(&self) -> String {
        match &self.event {
            Some(event) => format!("question in {event}"),
            None => "question".to_string(),
        }
    }

    /// The header of a column of questions with a claim under each:
    /// "question · claim", or "question in EVENT" over "· claim", as the
    /// cells are.
    pub(crate) fn claim_header(&self) -> String {
        match &self.event {
            Some(_) => format!("{}\n· claim", self.header()),
            None => "question · claim".to_string(),
        }
    }

    /// A row's question, escaped: its key, or its id alone.
    pub(crate) fn name(&self, store: &Store, q: QuestionIx) -> String {
        match &self.event {
            Some(_) => cell(&store.question(q).id).into_owned(),
            None => cell(&store.question_key(q)).into_owned(),
        }
    }
}

/// `text` wrapped to `width` for a line of prose: words are never broken,
/// not even at their hyphens (an id longer than the line runs past it
/// whole).
pub(crate) fn fill(text: &str, width: u16) -> String {
    textwrap::fill(
        text,
        textwrap::Options::new(usize::from(width))
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation),
    )
}

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

/// One line under a question's table in the report: the value, what it
/// rests on, what contradicts it.
pub(crate) fn consensus_line(store: &Store, c: &Consensus) -> String {
    let percent = store.is_percent(c.claim);
    let mut line = if c.tied {
        format!(
            "consensus: none, the conflicting values are equally supported (confidence {:.2} each)",
            c.confidence
        )
    } else {
        let mut head = format!(
            "consensus: {} (confidence {:.2}",
            cell(&c.value.words(percent)),
            c.confidence
        );
        if let Some(interval) = c.interval.as_ref().filter(|_| c.narrowed) {
            head.push_str(&format!(
                "; the evidence allows {}",
                interval_words(interval, percent)
            ));
        }
        head.push(')');
        head.push_str(&format!(
            " · rests on {}: {}",
            plural(
                c.rests_on.len(),
                "independent source",
                "independent sources"
            ),
            c.rests_on
                .iter()
                .map(|&s| cell(&store.source(s).id).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !c.contradicted_by.is_empty() {
            line_of_claims(&mut head, store, "contradicted by", &c.contradicted_by);
        }
        if !c.set_aside.is_empty() {
            line_of_claims(
                &mut head,
                store,
                "set aside, each contradicted by another claim:",
                &c.set_aside,
            );
        }
        head
    };
    if c.weak {
        line.push_str(&format!(
            " · weak evidence: {}",
            plural(c.sources, "independent source", "independent sources")
        ));
    }
    line
}

/// " · WHAT ocha (about 11,300), who (3,958)", three at most, then how
/// many more.
fn line_of_claims(line: &mut String, store: &Store, what: &str, claims: &[ClaimIx]) {
    const SHOWN: usize = 3;
    let named: Vec<String> = claims
        .iter()
        .take(SHOWN)
        .map(|&c| {
            format!(
                "{} ({})",
                cell(&store.source(store.claim(c).source).id),
                value_words(store, c)
            )
        })
        .collect();
    line.push_str(&format!(" · {what} {}", named.join(", ")));
    if claims.len() > SHOWN {
        line.push_str(&format!(" and {} more", claims.len() - SHOWN));
    }
}

/// A relay chain in words, escaped: "ocha, then afp".
pub(crate) fn relay_words(store: &crate::store::Store, via: &[crate::store::SourceIx]) -> String {
    via.iter()
        .map(|&v| crate::escape::escape(&store.source(v).id).into_owned())
        .collect::<Vec<_>>()
        .join(", then ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Heights of the cells of one row whose lines are `lines` wide,
    /// wrapped as if at any character (enough to test the widths).
    fn heights(lines: Vec<Vec<usize>>) -> impl FnMut(usize, usize) -> (Vec<usize>, Option<usize>) {
        move |i, w| {
            let h = lines[i].iter().map(|l| l.div_ceil(w)).sum();
            (vec![h], lines[i].iter().any(|&l| l > w).then_some(w + 1))
        }
    }

    #[test]
    fn every_column_gets_its_longest_word_or_the_table_is_stacked() {
        // Three columns: an id of 31, a value of 14 (longest word 5), prose.
        let full = [31, 14, 40];
        let word = [31, 5, 12];
        let mut h = heights(vec![vec![31], vec![14], vec![40]]);
        let w = column_widths(&full, &word, &[0, 1], 60, &mut h).unwrap();
        assert_eq!(w[0], 31, "the id whole: {w:?}");
        assert!(w.iter().zip(word).all(|(&w, word)| w >= word), "{w:?}");
        assert_eq!(w.iter().sum::<usize>(), 60, "all the room is used: {w:?}");
        assert_eq!(column_widths(&full, &word, &[], 47, &mut h), None);
        assert!(column_widths(&full, &word, &[], 48, &mut h).is_some());
    }

    #[test]
    fn the_widening_that_saves_lines_cheapest_goes_first() {
        // A source cell of two lines (12 and 18 wide) and a standing of 17:
        // with 6 to spare, the standing line is made whole (5) rather than
        // half the source (7 would be needed for both its lines).
        let full = [26, 18, 17];
        let word = [26, 11, 12];
        let mut h = heights(vec![vec![26], vec![12, 18], vec![17]]);
        let w = column_widths(&full, &word, &[], 55, &mut h).unwrap();
        assert_eq!(w[0], 26);
        assert_eq!(w.iter().sum::<usize>(), 55);
        assert!(w[1] >= 12, "a line of the source is saved first: {w:?}");
        // Equal needs: the column first in priority.
        let mut h = heights(vec![vec![10], vec![10]]);
        assert_eq!(
            column_widths(&[10, 10], &[5, 5], &[1], 15, &mut h).unwrap(),
            vec![5, 10]
        );
    }

    #[test]
    fn prose_wraps_after_hyphens_between_letters_ids_and_dates_never() {
        assert_eq!(prose_split_points("opposition-leaning"), vec![11]);
        assert!(prose_split_points("2018-03").is_empty());
        assert!(prose_split_points("[-62-]").is_empty());
        assert_eq!(unbreakable("opposition-leaning", Wrap::Prose), 11);
        assert_eq!(unbreakable("opposition-leaning", Wrap::Words), 18);
        let c = Cell::words("osdh via afp").and("opposition-leaning", Wrap::Prose);
        assert_eq!(
            c.wrapped(12),
            vec!["osdh via afp", "opposition-", "leaning"]
        );
        let c = Cell::words("east-health-ministry");
        assert_eq!(c.extent(), (vec![20], 20));
        assert_eq!(Cell::whole("at least 3,958").extent(), (vec![14], 14));
        assert_eq!(
            Cell::whole("at least 3,958").wrapped(5),
            vec!["at least 3,958"]
        );
    }

    #[test]
    fn a_style_left_open_by_a_break_is_closed_and_reopened() {
        let lines = carry_styles(vec!["\x1b[2mabc".into(), "def\x1b[0m".into()]);
        assert_eq!(lines, vec!["\x1b[2mabc\x1b[0m", "\x1b[2mdef\x1b[0m"]);
    }

    #[test]
    fn under_a_hundred_columns_a_table_is_compact_and_folds_before_it_stacks() {
        let look = |width| Look {
            color: false,
            width,
        };
        let fill = |grid: &mut Grid| {
            grid.row(vec![
                "east-health-ministry-derna-dead".into(),
                Cell::words("east-health-ministry").and("eastern administration", Wrap::Prose),
                Cell::whole("at least 3,958"),
                Cell::whole("2023-09-18"),
            ]);
            grid.fold(&[(3, 0)]);
        };
        let mut wide = Grid::new(look(120), &["claim", "source", "value", "date"]);
        fill(&mut wide);
        assert!(
            wide.to_string()
                .contains("│ east-health-ministry-derna-dead ")
        );
        let mut narrow = Grid::new(look(72), &["claim", "source", "value", "date"]);
        fill(&mut narrow);
        let out = narrow.to_string();
        assert_eq!(
            out,
            "claim · date                     source                  value\n\
             ───────────────────────────────  ──────────────────────  ──────────────\n\
             east-health-ministry-derna-dead  east-health-ministry    at least 3,958\n\
             2023-09-18                       eastern administration"
        );
    }

    #[test]
    fn a_stacked_record_is_label_value_lines() {
        let look = Look {
            color: false,
            width: 40,
        };
        let mut grid = Grid::new(look, &["claim", "source", "gap"]);
        grid.row(vec![
            "east-health-ministry-derna-dead".into(),
            "east-health-ministry via alraed\nsaid by Othman Abdeljalil".into(),
            String::new().into(),
        ]);
        assert_eq!(
            grid.to_string(),
            "• claim: east-health-ministry-derna-dead\n  source: east-health-ministry via\n    alraed\n    said by Othman Abdeljalil"
        );
    }

    #[test]
    fn prose_lines_never_break_a_word_at_its_hyphens() {
        assert_eq!(
            fill("revised by east-health-ministry: 3,252", 20),
            "revised by\neast-health-ministry:\n3,252"
        );
    }
}
