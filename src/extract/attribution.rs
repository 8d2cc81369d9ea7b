//! Who each figure is credited to: the source, the person, the relays.
//!
//! A news figure is rarely the outlet's own, and one sentence often credits
//! two figures to two sources ("1,089 million selon le ministère de
//! l'Intérieur, et 3,5 millions, d'après la CGT"). So credit is read per
//! figure. Which store source a name is comes from [`super::mentions`];
//! this module decides which name credits which figure.
//!
//! **Credits.** A sentence holds credits, each a source (or the words of
//! one not in the store) at a place in the sentence:
//!
//! - a cue and the first source named after it in its clause: "selon X",
//!   "d'après X", "according to X", "citing X", "de source X", "pour X";
//!   when the clause names none, the agent after it ("selon un bilan
//!   publié, dimanche, par un organisme de l'ONU");
//!   "la même source" / "the same source" is the credit before it, "selon
//!   lui", "his own figures" the previous sentence's speaker, "according to
//!   which" the source named just before;
//! - a reporting verb ("rapporte", "a indiqué", "fait état de", "said",
//!   "reported") and its subject: the source named before it in its clause
//!   or, inverted, after it ("a annoncé l'OCHA", "said the ministry"); a
//!   pronoun or "the group" as subject ("a-t-il ajouté", "the group says")
//!   is the previous sentence's speaker;
//! - a source in parentheses right after a figure ("1.089 million
//!   (Interior)"), or named right before one after "et"/"and"/a comma
//!   ("et la préfecture 16.000").
//!
//! A chain is one credit: "X reports citing Y", "selon X, qui cite Y", and
//! a quotation that credits Y inside and is said by X outside all credit
//! Y, relayed by X (`via`, from the first relay to the last). A source the
//! statement was told to ("à l'AFP", "told AFP", "cité par") ends the
//! chain.
//!
//! **Which credit.** Each figure takes the nearest credit in its own
//! clause, before or after it. A credit after figures reaches back over
//! clauses without figures to the first clause that has one, and covers
//! that clause ("Au moins 11 300 morts et 10 100 disparus à Derna, …,
//! selon un organisme de l'ONU"); a credit that trails a figure does not
//! also lead the next one ("3,5 millions selon la CGT, 1,08 million pour
//! l'Intérieur"). A figure in parentheses or quotation marks takes the
//! credit inside them, else that of the figure the parenthesis follows
//! ("(dont 800 000 à Paris)"), else the credit of the quotation or
//! parenthesis itself. No credit reaches over a sentence end that the
//! splitter kept inside an open quotation. With no credit at all, a source named as the
//! subject of the figure's clause credits it ("Health authorities had put
//! the toll at 5,500"), even without a reporting verb.
//!
//! **Denials and projections** are read here too, since they are about the
//! same clause: "Il n'y a pas 200 voire 500 morts" denies its figures (a
//! denied figure is never credited as the speaker's toll), "could climb to
//! 20,000", "pourrait atteindre", "feared dead", "selon les projections"
//! project them.

use super::mentions::Mention;
use super::tokens::{Kind, Token};
use crate::words::words;

/// What a figure (or a sentence without one) is credited to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// A store source id.
    pub source: Option<String>,
    /// The words that credit it, as written ("l'Observatoire", "Reuters").
    pub credited_to: Option<String>,
    /// The store sources that relayed it, from the first relay to the last.
    pub via: Vec<String>,
    /// A person named as speaking.
    pub said_by: Option<String>,
}

impl Attribution {
    /// Whether anyone at all is credited.
    pub(crate) fn is_credited(&self) -> bool {
        self.source.is_some() || self.credited_to.is_some() || self.said_by.is_some()
    }
}

/// A figure of the sentence, as attribution sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// Token span of the figure, inclusive (number to noun).
    pub first: usize,
    pub last: usize,
    /// Where its qualifier starts ("pas moins de": the negation is the
    /// qualifier's, not a denial).
    pub start: usize,
    /// The number's last token (before its noun).
    pub number_last: usize,
}

/// How a figure stands in its clause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stance {
    /// Its clause denies it.
    pub denied: bool,
    /// It is a projection, not a count ("could climb to").
    pub projection: bool,
    /// The projection is worded as a rise to it ("could climb to",
    /// "pourrait atteindre"): an upper bound.
    pub upper_bound: bool,
}

/// What attribution reads in one sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reading {
    /// One per item, in the order given.
    pub figures: Vec<Attribution>,
    /// One per item: denied, projected.
    pub stances: Vec<Stance>,
    /// The sentence's own credit, for a statement without a figure.
    pub sentence: Attribution,
    /// Who speaks last in the sentence: what "a-t-il ajouté" in the next
    /// one refers to.
    pub speaker: Option<Attribution>,
    /// Whether the sentence names anyone at all: a store source (even as
    /// an object or a relay) or a credit outside the store ("selon un
    /// bilan"). A figure of a sentence that names nobody may take a
    /// neighbour's credit (see `super::paragraphs`).
    pub names_source: bool,
    /// The credit of the sentence when it credits exactly one source
    /// explicitly (by a cue, a reporting verb or a credit written against
    /// a figure; a subject alone is not enough): its figures', or for a
    /// sentence without figures its own.
    pub sole: Option<Attribution>,
    /// One per item: whether the figure may take a neighbour's credit. A
    /// difference ("C'est 100 000 de plus que le 7 mars", "200 more than
    /// last week") is the outlet's arithmetic, not a count it was given.
    pub lendable: Vec<bool>,
}

/// Cues after which the source is named: "selon X", "according to X".
const SOURCE_CUES: &[&[&str]] = &[
    &["selon"],
    &["d", "apres"],
    &["according", "to"],
    &["de", "source"],
    &["pour"],
];

/// Cues that name the original source of a relayed statement.
const CITING_CUES: &[&[&str]] = &[
    &["citing"],
    &["quoting"],
    &["citant"],
    &["qui", "cite"],
    &["qui", "citait"],
    &["qui", "citent"],
    &["cites"],
];

/// Reporting verbs, folded; the source is their subject or, in French
/// inverted quotes, comes after them.
const REPORTING_VERBS: &[&str] = &[
    // French
    "indique",
    "indiquait",
    "declare",
    "declarait",
    "affirme",
    "affirmait",
    "annonce",
    "precise",
    "souligne",
    "rapporte",
    "rapportent",
    "rapportait",
    "etat",
    "dit",
    "estime",
    "ajoute",
    "explique",
    "assure",
    "confirme",
    "recense",
    "denombre",
    "signale",
    "avance",
    "publie",
    "communique",
    "communicated",
    "totalise",
    // English
    "said",
    "says",
    "say",
    "reported",
    "reports",
    "told",
    "stated",
    "states",
    "announced",
    "claimed",
    "claims",
    "added",
    "estimated",
    "estimates",
    "counted",
    "confirmed",
    "wrote",
    "tweeted",
    "posted",
    "noted",
    "explained",
    "tallied",
    "recorded",
];

/// Words before a source that make it a relay: "à l'AFP", "to AFP",
/// "cité par", "quoted by".
const RELAY_CUES: &[&[&str]] = &[
    &["a", "l"],
    &["a", "la"],
    &["au"],
    &["aux"],
    &["to"],
    &["told"],
    &["to", "the"],
    &["told", "the"],
    &["cite", "par"],
    &["citee", "par"],
    &["cites", "par"],
    &["relaye", "par"],
    &["cited", "by"],
    &["quoted", "by"],
    &["relayed", "by"],
];

/// Subjects that stand for the previous sentence's speaker.
const PRONOUNS: &[&str] = &["il", "elle", "ils", "elles", "he", "she", "it", "they"];
/// Nouns that, after "the"/"le"/"la", stand for the previous speaker.
const GENERIC_SUBJECTS: &[&str] = &[
    "group",
    "organization",
    "organisation",
    "agency",
    "ministry",
    "office",
    "body",
    "organisme",
    "agence",
    "groupe",
];
/// Articles that may stand before a subject or a named source.
const ARTICLES: &[&str] = &["the", "le", "la", "les", "l", "l'", "un", "une", "a", "an"];
/// Auxiliaries between a subject and its reporting verb.
const AUXILIARIES: &[&str] = &[
    "a", "has", "had", "avait", "have", "fait", "ont", "avaient", "also", "aussi",
];

/// Lowercase particles inside a person's name ("Abu Bakr al-Baghdadi").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "van", "von", "bin", "ben", "ibn", "abu", "al", "el",
];

/// Negations that deny the figure right after them ("n'y a pas 200").
const NEGATIONS: &[&str] = &["pas", "not", "jamais", "never", "n't", "non"];
/// Verbs that deny the figure after them in their clause.
const DENIALS: &[&str] = &[
    "dement",
    "dementi",
    "dementent",
    "denied",
    "denies",
    "deny",
    "refute",
    "refuted",
    "rejette",
    "rejected",
    "rejects",
    "conteste",
    "disputed",
];
/// Words between a negation and a figure that make it a qualifier
/// ("pas moins de 200", "not more than 5").
const QUALIFYING: &[&str] = &["moins", "plus", "less", "more", "fewer", "over", "under"];
/// Modal words before a figure that make it a projection.
const MODALS: &[&str] = &[
    "could",
    "might",
    "may",
    "would",
    "pourrait",
    "pourraient",
    "risque",
    "risquent",
    "expected",
    "feared",
    "projected",
    "craint",
    "craignent",
];
/// Verbs of rising, after a modal: the figure is an upper bound.
const RISES: &[&str] = &[
    "climb",
    "rise",
    "reach",
    "hit",
    "grow",
    "increase",
    "go",
    "atteindre",
    "grimper",
    "monter",
    "s",
    "elever",
];
/// Words after a figure that make it a projection ("2,000 feared dead").
const PROJECTED_AFTER: &[&[&str]] = &[
    &["feared"],
    &["selon", "les", "projections"],
    &["according", "to", "projections"],
    &["projected"],
];

/// Clause boundaries: a figure's clause ends at them. A full stop inside
/// a sentence is an abbreviation's ("U.N."), not a boundary.
fn is_boundary(t: &Token) -> bool {
    t.is_punct(&[',', ';', ':', '—', '–', '!', '?'])
}

/// Quotation marks and parentheses: the groups of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    Sentence,
    Paren,
    Quote,
}

#[derive(Debug, Clone, Copy)]
struct Group {
    kind: GroupKind,
    /// The opening and closing tokens (the sentence: 0 and len).
    open: usize,
    close: usize,
    parent: usize,
}

/// The sentence's groups (index 0: the sentence) and each token's
/// innermost group; brackets belong to the group around them. Unmatched
/// marks open nothing.
fn groups(tokens: &[Token]) -> (Vec<Group>, Vec<usize>) {
    let mut pairs: Vec<(usize, usize, GroupKind)> = Vec::new();
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != Kind::Punct {
            continue;
        }
        let c = t.text.chars().next().unwrap_or(' ');
        let close_of = |open: char| match open {
            '(' => ')',
            '«' => '»',
            '“' => '”',
            _ => '"',
        };
        match c {
            '(' | '«' | '“' => stack.push((i, c)),
            ')' | '»' | '”' => {
                if let Some(p) = stack.iter().rposition(|&(_, o)| close_of(o) == c) {
                    let (open, o) = stack[p];
                    stack.truncate(p);
                    let kind = if o == '(' {
                        GroupKind::Paren
                    } else {
                        GroupKind::Quote
                    };
                    pairs.push((open, i, kind));
                }
            }
            '"' => match stack.iter().rposition(|&(_, o)| o == '"') {
                Some(p) => {
                    let (open, _) = stack[p];
                    stack.truncate(p);
                    pairs.push((open, i, GroupKind::Quote));
                }
                None => stack.push((i, '"')),
            },
            _ => {}
        }
    }
    pairs.sort_by_key(|&(open, _, _)| open);
    let mut list = vec![Group {
        kind: GroupKind::Sentence,
        open: 0,
        close: tokens.len(),
        parent: 0,
    }];
    let mut of = vec![0usize; tokens.len()];
    for (open, close, kind) in pairs {
        // Well nested by construction: the parent is the token's group.
        let parent = of[open];
        let g = list.len();
        list.push(Group {
            kind,
            open,
            close,
            parent,
        });
        for slot in &mut of[open + 1..close] {
            if list[*slot].open <= open {
                *slot = g;
            }
        }
    }
    (list, of)
}

/// Where a credit stands and what it credits.
#[derive(Debug, Clone)]
struct Credit {
    /// Token span of the credit's words (cue to name, name to verb).
    first: usize,
    last: usize,
    group: usize,
    attribution: Attribution,
    /// "citing X", "qui cite X": X, relayed by the credit just before.
    citing: bool,
    /// The one figure it credits, for a credit written against a figure
    /// ("1.089 million (Interior)", "et la préfecture 16.000").
    attached: Option<(usize, usize)>,
}

/// The folded words of the sentence, each with its token index.
fn indexed_words(tokens: &[Token]) -> Vec<(String, usize)> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == Kind::Word)
        .flat_map(|(i, t)| words(t.text).into_iter().map(move |w| (w, i)))
        .collect()
}

fn ends_with(words: &[(String, usize)], end: usize, phrase: &[&str]) -> bool {
    end + 1 >= phrase.len()
        && words[end + 1 - phrase.len()..=end]
            .iter()
            .zip(phrase)
            .all(|((w, _), p)| w == p)
}

fn span_text<'a>(sentence: &'a str, tokens: &[Token], first: usize, last: usize) -> &'a str {
    match (tokens.get(first), tokens.get(last)) {
        (Some(a), Some(b)) if a.start <= b.end => sentence.get(a.start..b.end).unwrap_or(""),
        _ => "",
    }
}

/// A run of two or more capitalized words starting at token `i` (or
/// ending there, going backwards): a person's name.
fn person(
    tokens: &[Token],
    i: usize,
    forward: bool,
    mentions: &[Mention],
) -> Option<(usize, usize)> {
    let in_mention = |k: usize| mentions.iter().any(|m| (m.first..=m.last).contains(&k));
    let is_name_word = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.is_capitalized() && !in_mention(k))
    };
    let is_particle = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| NAME_PARTICLES.contains(&t.folded.as_str()))
    };
    if !is_name_word(i) {
        return None;
    }
    let (mut first, mut last) = (i, i);
    let mut capitals = 1;
    if forward {
        let mut k = i + 1;
        while is_name_word(k) || (is_particle(k) && is_name_word(k + 1)) {
            capitals += usize::from(is_name_word(k));
            last = k;
            k += 1;
        }
    } else {
        let mut k = i;
        while k > 0
            && (is_name_word(k - 1) || (is_particle(k - 1) && k >= 2 && is_name_word(k - 2)))
        {
            capitals += usize::from(is_name_word(k - 1));
            k -= 1;
            first = k;
        }
    }
    // A sentence's first word is capitalized for another reason.
    if first == 0 && !forward {
        capitals -= 1;
        first += 1;
    }
    (capitals >= 2 && first <= last).then_some((first, last))
}

/// The sentence as the credit rules read it.
struct Sentence<'a, 't> {
    text: &'a str,
    tokens: &'t [Token<'a>],
    words: Vec<(String, usize)>,
    mentions: Vec<Mention>,
    /// Mentions that a statement was told to or relayed by.
    relays: Vec<bool>,
    groups: Vec<Group>,
    group_of: Vec<usize>,
    items: &'t [Item],
    previous: Option<&'t Attribution>,
}

impl Sentence<'_, '_> {
    fn folded(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| t.folded.as_str())
    }

    /// Whether token `k` ends a sentence that the splitter kept with the
    /// next one (inside an unclosed quotation): a full stop, not an
    /// abbreviation's, followed by a capital or a digit.
    fn ends_sentence(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        t.is_punct(&['.', '!', '?', '…'])
            && self
                .tokens
                .get(k + 1)
                .is_some_and(|n| n.space_before && (n.is_capitalized() || n.kind == Kind::Digits))
            && !(t.text.starts_with('.')
                && super::sentences::ends_with_abbreviation(self.text, t.start))
    }

    /// Whether a sentence ends strictly between tokens `a` and `b`.
    fn sentence_end_between(&self, a: usize, b: usize) -> bool {
        (a + 1..b).any(|k| self.ends_sentence(k))
    }

    /// Whether token `k` lies in group `g` or a group inside it.
    fn within(&self, k: usize, g: usize) -> bool {
        let mut h = self.group_of[k];
        loop {
            if h == g {
                return true;
            }
            if h == 0 {
                return false;
            }
            h = self.groups[h].parent;
        }
    }

    /// The end of the clause that starts at `from` (exclusive), in `g`.
    fn clause_end(&self, from: usize, g: usize) -> usize {
        let end = self.groups[g].close.min(self.tokens.len());
        (from..end)
            .find(|&k| {
                self.group_of[k] == g
                    && (is_boundary(&self.tokens[k])
                        || self.tokens[k].is_punct(&['(', ')'])
                        || self.ends_sentence(k))
            })
            .unwrap_or(end)
    }

    /// The mentions that may credit: not owners, not relays.
    fn crediting(&self) -> impl Iterator<Item = (usize, &Mention)> {
        self.mentions
            .iter()
            .enumerate()
            .filter(|(i, m)| !m.owner && !self.relays[*i])
    }

    fn named(&self, m: &Mention) -> Attribution {
        Attribution {
            source: Some(m.source.clone()),
            credited_to: Some(span_text(self.text, self.tokens, m.first, m.last).to_string()),
            ..Attribution::default()
        }
    }

    fn item_between(&self, a: usize, b: usize) -> bool {
        self.items.iter().any(|f| f.first > a && f.last < b)
    }

    /// The agent of what a cue names when its clause names no source:
    /// "selon un bilan publié, dimanche, par un organisme de l'ONU",
    /// "according to figures released on Sunday by the UN". The source
    /// follows "par"/"by" closely, in the cue's group and sentence, with no
    /// figure between.
    fn agent(&self, after: usize, g: usize) -> Option<&Mention> {
        let by = (after..self.tokens.len().min(after + 12))
            .take_while(|&k| !self.ends_sentence(k) && self.within(k, g))
            .find(|&k| matches!(self.folded(k), "par" | "by"))
            .filter(|&k| {
                !matches!(
                    self.folded(k + 1),
                    "ailleurs" | "contre" | "exemple" | "far"
                )
            })?;
        self.crediting()
            .map(|(_, m)| m)
            .find(|m| m.first > by && m.first - by <= 5 && self.within(m.first, g))
            .filter(|m| {
                !self.item_between(after, m.last) && !self.sentence_end_between(by, m.first)
            })
    }

    /// Credits of the form "cue X".
    fn cue_credits(&self, out: &mut Vec<Credit>) {
        for k in 0..self.words.len() {
            let Some(cue) = SOURCE_CUES
                .iter()
                .chain(CITING_CUES)
                .find(|cue| ends_with(&self.words, k, cue))
            else {
                continue;
            };
            let cue_first = self.words[k + 1 - cue.len()].1;
            let after = self.words[k].1 + 1;
            let g = self.group_of[cue_first];
            let end = self.clause_end(after, g);
            let next = self.folded(after);
            let citing = CITING_CUES.contains(cue);
            let named = self
                .crediting()
                .find(|(_, m)| {
                    m.first >= after && m.first < end && !self.item_between(after, m.first)
                })
                .map(|(_, m)| m)
                .or_else(|| self.agent(after, g));
            let mut attribution = match named {
                Some(m) => self.named(m),
                None if *cue == ["pour"] => continue,
                None => Attribution {
                    credited_to: (after < end).then(|| {
                        span_text(self.text, self.tokens, after, (end - 1).min(after + 7))
                            .to_string()
                    }),
                    ..Attribution::default()
                },
            };
            // "pour X" credits only a source named right after it.
            if *cue == ["pour"]
                && !self.crediting().any(|(_, m)| {
                    m.first == after || (ARTICLES.contains(&next) && m.first == after + 1)
                })
            {
                continue;
            }
            let rest: Vec<&str> = (after..end.min(after + 4))
                .map(|i| self.folded(i))
                .collect();
            // "selon la même source", "selon lui", "his own figures",
            // "according to which".
            if rest.windows(2).any(|w| w[0] == "meme" && w[1] == "source")
                || rest.windows(2).any(|w| w[0] == "same" && w[1] == "source")
            {
                attribution = out
                    .last()
                    .map(|c| c.attribution.clone())
                    .or_else(|| self.previous.cloned())
                    .unwrap_or(attribution);
            } else if matches!(
                next,
                "lui"
                    | "elle"
                    | "eux"
                    | "him"
                    | "her"
                    | "them"
                    | "his"
                    | "its"
                    | "their"
                    | "ses"
                    | "leurs"
                    | "son"
                    | "sa"
            ) && attribution.source.is_none()
            {
                if let Some(previous) = self.previous {
                    attribution = previous.clone();
                }
            } else if matches!(
                next,
                "which" | "whom" | "lequel" | "laquelle" | "lesquels" | "lesquelles"
            ) && let Some((_, m)) =
                self.crediting().filter(|(_, m)| m.last < cue_first).last()
            {
                attribution = self.named(m);
            }
            if attribution.said_by.is_none()
                && let Some((first, last)) = person(self.tokens, after, true, &self.mentions)
            {
                attribution.said_by =
                    Some(span_text(self.text, self.tokens, first, last).to_string());
            }
            let last = named
                .filter(|m| attribution.source.as_deref() == Some(m.source.as_str()))
                .map_or(self.words[k].1, |m| m.last);
            out.push(Credit {
                first: cue_first,
                last,
                group: g,
                attribution,
                citing,
                attached: None,
            });
        }
    }

    /// Credits of the form "X said", "a annoncé X", "il a ajouté".
    fn verb_credits(&self, out: &mut Vec<Credit>) {
        let verbs: Vec<usize> = self
            .words
            .iter()
            .enumerate()
            .filter(|(k, (w, _))| {
                REPORTING_VERBS.contains(&w.as_str())
                    && (w != "etat"
                        || k.checked_sub(1).is_some_and(|p| {
                            matches!(self.words[p].0.as_str(), "fait" | "faisant" | "font")
                        }))
            })
            .map(|(_, &(_, t))| t)
            .collect();
        for verb in verbs {
            if out.iter().any(|c| (c.first..=c.last).contains(&verb)) {
                continue;
            }
            let g = self.group_of[verb];
            let in_group = |m: &Mention| self.within(m.first, g);
            // The subject: named before the verb, no figure between.
            let before = self
                .crediting()
                .filter(|(_, m)| {
                    in_group(m)
                        && m.last < verb
                        && verb - m.last <= 12
                        && !self.item_between(m.last, verb)
                        && !self.sentence_end_between(m.last, verb)
                })
                .last();
            let after = || {
                self.crediting().find(|(_, m)| {
                    in_group(m)
                        && m.first > verb
                        && m.first - verb <= 12
                        && !self.item_between(verb, m.first)
                        && !self.sentence_end_between(verb, m.first)
                })
            };
            // The auxiliaries and an inverted pronoun ("a-t-il ajouté").
            let mut k = verb;
            while k > 0
                && self.tokens[k - 1].kind == Kind::Word
                && AUXILIARIES.contains(&self.folded(k - 1))
            {
                k -= 1;
            }
            let pronoun = k.checked_sub(1).is_some_and(|p| {
                let w = self.folded(p);
                PRONOUNS.contains(&w)
                    || w.ends_with("-t-il")
                    || w.ends_with("-t-elle")
                    || w.ends_with("-ils")
                    || w.ends_with("-elles")
                    || (GENERIC_SUBJECTS.contains(&w)
                        && p > 0
                        && matches!(self.folded(p - 1), "the" | "le" | "la" | "l'"))
            }) || self.folded(k).ends_with("-t-il")
                || self.folded(k).ends_with("-t-elle");
            let (mut attribution, first, last) = match before {
                Some((_, m)) if !pronoun || verb - m.last <= 2 => (self.named(m), m.first, verb),
                _ => match (pronoun, self.previous, after()) {
                    (true, Some(previous), _) => (previous.clone(), k.saturating_sub(1), verb),
                    (_, _, Some((_, m))) => (self.named(m), verb, m.last),
                    _ => (Attribution::default(), verb, verb),
                },
            };
            // The speaker: right after the verb (past a relay such as "à
            // l'AFP"), or right before it (", X said", "X a indiqué").
            let mut after_verb = verb + 1;
            while let Some(m) = self
                .mentions
                .iter()
                .enumerate()
                .find(|(i, m)| {
                    self.relays[*i] && m.first <= after_verb + 2 && m.first >= after_verb
                })
                .map(|(_, m)| m)
            {
                after_verb = m.last + 1;
            }
            let speaker = person(self.tokens, after_verb, true, &self.mentions).or_else(|| {
                k.checked_sub(1)
                    .and_then(|p| person(self.tokens, p, false, &self.mentions))
            });
            if let Some((a, b)) = speaker {
                attribution.said_by = Some(span_text(self.text, self.tokens, a, b).to_string());
            }
            if !attribution.is_credited() {
                continue;
            }
            out.push(Credit {
                first: first.min(verb),
                last: last.max(verb),
                group: g,
                attribution,
                citing: false,
                attached: None,
            });
        }
    }

    /// "1.089 million (Interior)": a parenthesis that only names a source,
    /// right after a figure; "et la préfecture 16.000": a source named
    /// right before a figure after "et", "and" or a comma.
    fn figure_credits(&self, out: &mut Vec<Credit>) {
        for (g, group) in self.groups.iter().enumerate().skip(1) {
            if group.kind != GroupKind::Paren {
                continue;
            }
            let follows = self
                .items
                .iter()
                .find(|f| f.last + 1 == group.open || f.last + 2 == group.open);
            let inside: Vec<usize> = (group.open + 1..group.close).collect();
            let named = self.crediting().find(|(_, m)| m.first == group.open + 1);
            if let Some((_, m)) = named
                && let Some(f) = follows
                && inside
                    .iter()
                    .all(|&k| k >= m.first && k <= m.last || ARTICLES.contains(&self.folded(k)))
            {
                out.push(Credit {
                    first: group.open,
                    last: group.close,
                    group: group.parent,
                    attribution: self.named(m),
                    citing: false,
                    attached: Some((f.first, f.last)),
                });
            }
            let _ = g;
        }
        for (_, m) in self.crediting() {
            let Some(f) = self.items.iter().find(|f| f.start == m.last + 1) else {
                continue;
            };
            let mut k = m.first;
            if k > 0 && ARTICLES.contains(&self.folded(k - 1)) {
                k -= 1;
            }
            let joined = k > 0
                && (matches!(
                    self.folded(k - 1),
                    "et" | "and" | "while" | "whereas" | "contre"
                ) || self.tokens[k - 1].is_punct(&[',']));
            if joined {
                out.push(Credit {
                    first: k,
                    last: f.start - 1,
                    group: self.group_of[m.first],
                    attribution: self.named(m),
                    citing: false,
                    attached: Some((f.first, f.last)),
                });
            }
        }
    }

    /// "X reports citing Y", "selon X, qui cite Y": one credit, Y's,
    /// relayed by X, when no figure stands between them.
    fn chain(&self, credits: Vec<Credit>) -> Vec<Credit> {
        let mut out: Vec<Credit> = Vec::with_capacity(credits.len());
        for mut c in credits {
            if c.citing
                && c.attribution.source.is_some()
                && let Some(previous) = out.last_mut().filter(|p| {
                    p.last < c.first
                        && c.first - p.last <= 8
                        && p.group == c.group
                        && !self.item_between(p.last, c.first)
                })
            {
                let relay = previous.attribution.clone();
                if relay.source != c.attribution.source {
                    c.attribution.via = relay.source.into_iter().chain(relay.via).collect();
                }
                c.attribution.said_by = c.attribution.said_by.or(relay.said_by);
                c.first = previous.first;
                *previous = c;
                continue;
            }
            out.push(c);
        }
        out
    }

    /// Figure-bearing items of group `g` (figures in it, and groups inside
    /// it that hold figures), as token spans.
    fn bearing(&self, g: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = self
            .items
            .iter()
            .filter(|f| self.group_of[f.first] == g)
            .map(|f| (f.first, f.last))
            .collect();
        for (h, group) in self.groups.iter().enumerate().skip(1) {
            if group.parent == g && self.items.iter().any(|f| self.within(f.first, h)) {
                out.push((group.open, group.close));
            }
        }
        out.sort();
        out
    }

    /// Whether a credit after `span` reaches back to it: no other credit
    /// between, and no clause boundary between it and the figure nearest
    /// the credit.
    fn reaches(&self, credit: &Credit, span: (usize, usize), credits: &[Credit]) -> bool {
        let g = credit.group;
        if credit.first <= span.1 || self.sentence_end_between(span.1, credit.first) {
            return false;
        }
        if credits
            .iter()
            .any(|c| c.group == g && c.first > span.1 && c.last < credit.first)
        {
            return false;
        }
        let nearest = self
            .bearing(g)
            .into_iter()
            .rev()
            .find(|&(a, b)| a > span.1 && b < credit.first)
            .map(|(a, _)| a);
        let Some(nearest) = nearest else {
            return true;
        };
        !(span.1 + 1..nearest).any(|k| {
            self.group_of[k] == g
                && (is_boundary(&self.tokens[k]) || self.tokens[k].is_punct(&['(', ')']))
        })
    }

    /// The credit of a span in group `g`: the nearest in its clause,
    /// before or after it.
    fn credit_of(&self, g: usize, span: (usize, usize), credits: &[Credit]) -> Option<usize> {
        if let Some(i) = credits.iter().position(|c| c.attached == Some(span)) {
            return Some(i);
        }
        let free = |c: &Credit| c.group == g && c.attached.is_none();
        let trailing = credits
            .iter()
            .enumerate()
            .filter(|(_, c)| free(c) && self.reaches(c, span, credits))
            .min_by_key(|(_, c)| c.first)
            .map(|(i, c)| (i, c.first - span.1));
        // A credit that trails an earlier figure does not lead this one.
        let leading = credits
            .iter()
            .enumerate()
            .filter(|(_, c)| free(c) && c.last < span.0)
            // "Selon X, 119 000 à Paris. 800 000 …": a credit leads the
            // figures of its own sentence only.
            .filter(|(_, c)| !self.sentence_end_between(c.last, span.0))
            .filter(|(_, c)| {
                !self
                    .bearing(g)
                    .into_iter()
                    .any(|b| b.1 < c.first && self.reaches(c, b, credits))
            })
            .max_by_key(|(_, c)| c.last)
            .map(|(i, c)| (i, span.0 - c.last));
        match (trailing, leading) {
            (Some((t, dt)), Some((l, dl))) => Some(if dl < dt { l } else { t }),
            (Some((t, _)), None) => Some(t),
            (None, Some((l, _))) => Some(l),
            (None, None) => None,
        }
    }

    /// The credit of a figure in its group, then out through the groups
    /// around it. A quotation's own credit is chained to its speaker's.
    fn resolve(
        &self,
        item: usize,
        credits: &[Credit],
        done: &[Option<Attribution>],
    ) -> Option<Attribution> {
        let f = self.items[item];
        let mut g = self.group_of[f.first];
        let mut span = (f.first, f.last);
        let mut inner: Option<Attribution> = None;
        loop {
            if let Some(c) = self.credit_of(g, span, credits) {
                let found = credits[c].attribution.clone();
                match inner.take() {
                    // Said outside a quotation that credits inside: relayed.
                    Some(mut quoted) => {
                        if let Some(s) = found.source
                            && quoted.source.as_deref() != Some(s.as_str())
                            && !quoted.via.contains(&s)
                        {
                            quoted.via.push(s);
                        }
                        return Some(quoted);
                    }
                    None if g != 0 && self.groups[g].kind == GroupKind::Quote => {
                        inner = Some(found);
                    }
                    None => return Some(found),
                }
            } else if inner.is_none() && g != 0 && self.groups[g].kind == GroupKind::Paren {
                // "(dont 800 000 à Paris)": the figure the parenthesis follows.
                let group = self.groups[g];
                let before = (0..item).rev().find(|&i| {
                    let p = self.items[i];
                    self.group_of[p.first] == group.parent
                        && p.last < group.open
                        && !(p.last + 1..group.open).any(|k| {
                            self.group_of[k] == group.parent && is_boundary(&self.tokens[k])
                        })
                });
                if let Some(i) = before
                    && let Some(Some(a)) = done.get(i)
                {
                    return Some(a.clone());
                }
            }
            if g == 0 {
                return inner;
            }
            span = (self.groups[g].open, self.groups[g].close);
            g = self.groups[g].parent;
        }
    }

    /// With no credit at all: a source named as the subject of the
    /// figure's clause, before it ("Health authorities had put the toll at
    /// 5,500"). Two sources named there ("L'OSDH et al-Watan : 70 tués")
    /// credit neither: the figure's author is not told.
    fn subject_of(&self, item: &Item) -> Option<Attribution> {
        let subject = self.subject_mention(item)?;
        let another = self.crediting().any(|(_, m)| {
            m.first > subject.last && m.last < item.first && m.source != subject.source
        });
        (!another).then(|| self.named(subject))
    }

    /// The mention that opens the figure's clause (after articles), if any.
    fn subject_mention(&self, item: &Item) -> Option<&Mention> {
        self.crediting()
            .filter(|(_, m)| m.last < item.first)
            .filter(|(_, m)| {
                let mut k = m.first;
                while k > 0 && ARTICLES.contains(&self.folded(k - 1)) {
                    k -= 1;
                }
                k == 0
                    || is_boundary(&self.tokens[k - 1])
                    || self.tokens[k - 1].is_punct(&['"', '«', '“', '('])
            })
            .last()
            .map(|(_, m)| m)
    }

    /// Whether the figure is a difference: "100 000 de plus que", "200
    /// more than", "dix de moins qu'en mars", "50 fewer than".
    fn is_difference(&self, item: &Item) -> bool {
        let after: Vec<&str> = (item.number_last + 1..(item.last + 5).min(self.tokens.len()))
            .map(|k| self.folded(k))
            .collect();
        after.windows(2).any(|w| {
            matches!(
                (w[0], w[1]),
                ("plus" | "moins", "que" | "qu" | "qu'")
                    | ("more" | "fewer" | "less" | "higher" | "lower", "than")
            )
        })
    }

    /// Whether a figure's clause denies it, and whether it projects it.
    fn stance(&self, item: &Item) -> Stance {
        let mut stance = Stance::default();
        let clause_start = (0..item.first)
            .rev()
            .find(|&k| is_boundary(&self.tokens[k]))
            .map_or(0, |k| k + 1);
        let before: Vec<usize> = (clause_start..item.start).collect();
        // "n'y a pas 200", "not true that 200": a negation at most two
        // words before, not a qualifier's ("pas moins de").
        let negated = before.iter().rev().take(3).any(|&k| {
            NEGATIONS.contains(&self.folded(k))
                && !(k + 1..item.start).any(|j| QUALIFYING.contains(&self.folded(j)))
        });
        let denied = before.iter().any(|&k| DENIALS.contains(&self.folded(k)));
        stance.denied = negated || denied;
        // "could climb to 20,000", "pourrait atteindre".
        if let Some(&m) = before
            .iter()
            .rev()
            .take(5)
            .find(|&&k| MODALS.contains(&self.folded(k)))
        {
            stance.projection = true;
            stance.upper_bound = (m + 1..item.start).any(|k| RISES.contains(&self.folded(k)));
        }
        let after: Vec<String> = (item.last + 1..(item.last + 5).min(self.tokens.len()))
            .map(|k| self.folded(k).to_string())
            .collect();
        // "2,000 feared dead", "2,000 are feared dead".
        if PROJECTED_AFTER.iter().any(|p| {
            (0..3).any(|skip| {
                after.len() >= skip + p.len()
                    && after[skip..].iter().zip(p.iter()).all(|(a, b)| a == b)
            })
        }) || (item.first..=item.last).any(|k| self.folded(k) == "feared")
        {
            stance.projection = true;
        }
        stance
    }
}

/// The mentions a statement was told to or relayed by ("à l'AFP").
fn relay_flags(words: &[(String, usize)], mentions: &[Mention]) -> Vec<bool> {
    mentions
        .iter()
        .map(|m| {
            let Some(k) = words.iter().position(|(_, t)| *t == m.first) else {
                return false;
            };
            k > 0
                && RELAY_CUES.iter().any(|cue| ends_with(words, k - 1, cue))
                && words[..k].iter().rev().take(5).any(|(w, _)| {
                    REPORTING_VERBS.contains(&w.as_str())
                        || w.starts_with("cit")
                        || w == "quoted"
                        || w == "relayed"
                        || w == "relaye"
                })
        })
        .collect()
}

/// The one source the credits name, with the first credit naming it;
/// `None` when they name none or two.
fn sole_credit(credits: &[Attribution]) -> Option<Attribution> {
    let mut named = credits.iter().filter(|a| a.source.is_some());
    let first = named.next()?;
    named
        .all(|a| a.source == first.source)
        .then(|| first.clone())
}

/// The credits of one sentence's figures (`items`, in order), given the
/// speaker of the sentence before it. (The extractor, which has found
/// the mentions already, calls `attribute_among`.)
#[cfg(test)]
pub(crate) fn attribute(
    sentence: &str,
    tokens: &[Token],
    matcher: &super::mentions::SourceMatcher,
    items: &[Item],
    previous: Option<&Attribution>,
) -> Reading {
    attribute_among(sentence, tokens, matcher.find(tokens), items, previous)
}

/// As `attribute`, with the sentence's `mentions` already found by the
/// matcher (the extractor needs them first): a sentence is searched once.
pub(crate) fn attribute_among(
    sentence: &str,
    tokens: &[Token],
    mentions: Vec<Mention>,
    items: &[Item],
    previous: Option<&Attribution>,
) -> Reading {
    let words = indexed_words(tokens);
    let relays = relay_flags(&words, &mentions);
    let (groups, group_of) = groups(tokens);
    let s = Sentence {
        text: sentence,
        tokens,
        words,
        relays,
        mentions,
        groups,
        group_of,
        items,
        previous,
    };
    let mut credits = Vec::new();
    s.cue_credits(&mut credits);
    s.verb_credits(&mut credits);
    s.figure_credits(&mut credits);
    credits.sort_by_key(|c| (c.first, c.last));
    let credits = s.chain(credits);
    let told: Vec<String> = s
        .mentions
        .iter()
        .zip(&s.relays)
        .filter(|(_, r)| **r)
        .map(|(m, _)| m.source.clone())
        .collect();
    let finish = |mut a: Attribution| {
        for relay in &told {
            if a.source.as_deref() != Some(relay.as_str()) && !a.via.contains(relay) {
                a.via.push(relay.clone());
            }
        }
        a
    };
    let mut done: Vec<Option<Attribution>> = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let found = s.resolve(i, &credits, &done);
        done.push(found);
    }
    // The figures credited by a credit, not by their clause's subject.
    let explicit: Vec<Attribution> = done.iter().flatten().cloned().map(finish).collect();
    let figures: Vec<Attribution> = done
        .into_iter()
        .zip(items)
        .map(|(a, item)| finish(a.or_else(|| s.subject_of(item)).unwrap_or_default()))
        .collect();
    let stances = items.iter().map(|item| s.stance(item)).collect();
    // The sentence's own credit: its last credit in the sentence itself,
    // else any; else its subject.
    let own = credits
        .iter()
        .rfind(|c| c.group == 0)
        .or(credits.last())
        .map(|c| c.attribution.clone());
    let sentence_credit = own
        .clone()
        .or_else(|| {
            s.crediting()
                .find(|(_, m)| m.first <= 2)
                .map(|(_, m)| s.named(m))
        })
        .map(finish)
        .unwrap_or_else(|| finish(Attribution::default()));
    // The outermost speaker of a chain: "a-t-il ajouté" is the one who
    // spoke, not the one quoted.
    let speaker = own
        .clone()
        .filter(|a| a.source.is_some())
        .map(|a| match a.via.last() {
            Some(relay) => Attribution {
                source: Some(relay.clone()),
                credited_to: None,
                via: Vec::new(),
                said_by: None,
            },
            None => a,
        });
    let names_source =
        !s.mentions.is_empty() || credits.iter().any(|c| c.attribution.is_credited());
    let sole = if items.is_empty() {
        own.as_ref()
            .and_then(|a| sole_credit(std::slice::from_ref(a)).map(finish))
    } else {
        sole_credit(&explicit)
    };
    let lendable = items.iter().map(|item| !s.is_difference(item)).collect();
    Reading {
        figures,
        stances,
        sentence: sentence_credit,
        speaker,
        names_source,
        sole,
        lendable,
    }
}

#[cfg(test)]
mod tests;
