//! Finding cards: the query language of the search line and of `list --filter`, and an index that
//! filters 100,000 cards within a keystroke.
//!
//! A query is terms separated by spaces (double quotes keep spaces: `"load bal"`); a card matches
//! when every term does. `field:text` looks in one column only, the field being a header name or
//! a unique word or prefix of one (`group` is "Community Group"); a term without a field looks in
//! every column but State. `-term` excludes the cards it matches. Matching is
//! [`SkimMatcherV2`]'s fuzzy match ignoring ASCII case, over what a person sees of a cell: its
//! value with link markup stripped, up to [`CELL_BOUND`] bytes.
//!
//! Skim matches exactly when the term's characters appear in order in the text (ignoring ASCII
//! case), so [`SearchIndex::filter`] decides membership with that cheap subsequence test over
//! text prepared once per card, and narrows the previous result when the query only grew
//! stricter. Scores ([`score`]) and match positions ([`highlights`]) run Skim itself, and are
//! meant for the cards actually shown.
//!
//! ```
//! use mdboard::{board::Board, markdown, search::{self, Query, SearchIndex}};
//!
//! let board = Board::new(markdown::parse(
//!     "| Name | Label | State |\n| - | - | - |\n| GPU Support | gpu | done |\n| Docs | docs | |\n",
//! )?);
//! let index = SearchIndex::build(&board); // then index.apply(&board, &change) after each change
//! let g = index.filter(&Query::parse("g", board.headers())?, None);
//! let gpu = Query::parse("gpu", board.headers())?;
//! let found = index.filter(&gpu, Some(&g)); // "gpu" extends "g": only g's matches are tested
//! assert_eq!(found.cards, [0]);
//! let card = &board.cards[0];
//! assert!(search::score(&board, card, &gpu).is_some_and(|s| s > 0));
//! assert_eq!(search::highlights(&board, card, 0, &gpu), [0, 1, 2]);
//! assert!(Query::parse("owner:me", board.headers()).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use thiserror::Error;

use crate::board::{Board, Card, Change};
use crate::markdown;

/// How many bytes of a cell's displayed text are searched: one huge cell cannot stall typing.
pub const CELL_BOUND: usize = 4096;

/// One matcher for every query; it ignores ASCII case, as the index's subsequence test does.
static MATCHER: LazyLock<SkimMatcherV2> = LazyLock::new(|| SkimMatcherV2::default().ignore_case());

/// Why a query cannot be used; the message is meant for the search line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QueryError {
    #[error("unknown field \"{field}\"; the fields are: {}", .available.join(", "))]
    UnknownField {
        /// The field as typed.
        field: String,
        /// Every header name.
        available: Vec<String>,
    },
    #[error("field \"{field}\" could be: {}", .candidates.join(", "))]
    AmbiguousField {
        /// The field as typed.
        field: String,
        /// The header names it could stand for.
        candidates: Vec<String>,
    },
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The column the term is limited to; `None` for every column but State.
    pub field: Option<usize>,
    /// The text to look for, quotes removed. An empty text matches every card (and, negated,
    /// excludes none), so a term being typed never empties the board.
    pub text: String,
    /// A `-term`: the cards it matches are left out.
    pub negated: bool,
    /// `text` with ASCII letters lowercased: what the index looks for.
    needle: String,
}

impl Term {
    /// Whether the term looks in column `col` of a board whose State column is `state_col`.
    pub fn applies_to(&self, col: usize, state_col: usize) -> bool {
        self.field.map_or(col != state_col, |f| f == col)
    }

    /// True for a term that restricts nothing (its text is empty).
    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// True when every card this term lets through, `old` lets through too.
    fn at_least_as_strict_as(&self, old: &Term) -> bool {
        if old.is_empty() || self.is_empty() {
            // An empty term restricts nothing.
            return old.is_empty();
        }
        if self.field != old.field || self.negated != old.negated {
            return false;
        }
        if self.negated {
            // Excluding the matches of a looser text excludes more.
            is_subsequence(&old.needle, &self.needle)
        } else {
            is_subsequence(&self.needle, &old.needle)
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    source: String,
    terms: Vec<Term>,
}

impl Query {
    /// Parses `text` against a board's header names.
    ///
    /// Terms are split on white space outside double quotes (an unclosed quote runs to the end).
    /// A leading unquoted `-` negates a term. An unquoted `:` after a field name limits the term
    /// to that field: a header name, or a word or prefix of one that picks a single column (any
    /// case, `-` and `_` standing for spaces; quote it to use spaces: `"project name":gpu`). A
    /// term whose colon is quoted, or comes first, is plain text.
    pub fn parse(text: &str, headers: &[String]) -> Result<Self, QueryError> {
        let terms = split_terms(text)
            .into_iter()
            .map(|chars| {
                let mut chars = chars.as_slice();
                let negated = matches!(chars.first(), Some(('-', false)));
                if negated {
                    chars = &chars[1..];
                }
                let colon = chars.iter().position(|&(c, quoted)| c == ':' && !quoted);
                let (field, body) = match colon {
                    Some(at) if at > 0 => {
                        let name: String = chars[..at].iter().map(|&(c, _)| c).collect();
                        (Some(resolve_field(&name, headers)?), &chars[at + 1..])
                    }
                    _ => (None, chars),
                };
                let text: String = body.iter().map(|&(c, _)| c).collect();
                Ok(Term {
                    field,
                    negated,
                    needle: text.to_ascii_lowercase(),
                    text,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            source: text.to_owned(),
            terms,
        })
    }

    /// The query as typed.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// True when the query restricts nothing: every card matches.
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(Term::is_empty)
    }

    /// When every card matching `self` also matches `old`: the terms a card matching `old` must
    /// still be tested against. `None` when `self` may match cards `old` did not.
    ///
    /// Terms are compared by position, which covers typing: extending the last term, adding a
    /// term, filling in a term that was empty.
    fn narrowing<'a>(&'a self, old: &Query) -> Option<Vec<&'a Term>> {
        if self.terms.len() < old.terms.len() {
            return None;
        }
        let mut retest = Vec::new();
        for (i, term) in self.terms.iter().enumerate() {
            match old.terms.get(i) {
                Some(o)
                    if o.field == term.field
                        && o.negated == term.negated
                        && o.needle == term.needle => {}
                Some(o) if !term.at_least_as_strict_as(o) => return None,
                _ => retest.push(term),
            }
        }
        retest.retain(|t| !t.is_empty());
        Some(retest)
    }
}

/// The terms of `text`: their characters, each marked whether it stood inside quotes.
fn split_terms(text: &str) -> Vec<Vec<(char, bool)>> {
    let mut terms = Vec::new();
    let mut current = Vec::new();
    let mut started = false;
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
            started = true;
        } else if c.is_whitespace() && !quoted {
            if started {
                terms.push(std::mem::take(&mut current));
                started = false;
            }
        } else {
            current.push((c, quoted));
            started = true;
        }
    }
    if started {
        terms.push(current);
    }
    terms
}

/// The column a field name stands for: the header of that name, else the one header that has
/// it as a word, else the one header it is a prefix of (or of one of its words).
fn resolve_field(name: &str, headers: &[String]) -> Result<usize, QueryError> {
    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }
    let wanted = words(name);
    let whole = wanted.join(" ");
    let header_words: Vec<Vec<String>> = headers.iter().map(|h| words(h)).collect();
    let single = match wanted.as_slice() {
        [w] => Some(w.as_str()),
        _ => None,
    };
    // The stages, in order: the whole name, one word, a prefix of the name or of a word.
    let fits = |stage: usize, h: &[String]| match stage {
        0 => h.join(" ") == whole,
        1 => single.is_some_and(|w| h.iter().any(|hw| hw == w)),
        _ => {
            h.join(" ").starts_with(&whole)
                || single.is_some_and(|w| h.iter().any(|hw| hw.starts_with(w)))
        }
    };
    if !whole.is_empty() {
        for stage in 0..3 {
            let hits: Vec<usize> = (0..headers.len())
                .filter(|&c| fits(stage, &header_words[c]))
                .collect();
            match hits.as_slice() {
                [] => {}
                [col] => return Ok(*col),
                many => {
                    return Err(QueryError::AmbiguousField {
                        field: name.trim().to_owned(),
                        candidates: many.iter().map(|&c| headers[c].clone()).collect(),
                    });
                }
            }
        }
    }
    Err(QueryError::UnknownField {
        field: name.trim().to_owned(),
        available: headers.to_vec(),
    })
}

/// True when the characters of `needle` appear in `hay` in order.
///
/// Both sides lowercased in ASCII, this is exactly when Skim ignoring case finds a match. Each
/// character is found as its UTF-8 encoding, which can only match a whole character.
fn is_subsequence(hay: &str, needle: &str) -> bool {
    let mut rest = hay;
    for c in needle.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// What is searched of a cell: its value with link markup stripped (the text a person sees),
/// cut to at most [`CELL_BOUND`] bytes on a character boundary.
///
/// Character indices from [`highlights`] point into this text, and so into the whole displayed
/// text, of which it is a prefix.
pub fn cell_text(board: &Board, card: &Card, col: usize) -> String {
    let mut text = markdown::strip_links(&board.value(card, col)).text;
    let bound = bounded(&text).len();
    text.truncate(bound);
    text
}

/// The first [`CELL_BOUND`] bytes of `text` at most, cut on a character boundary.
fn bounded(text: &str) -> &str {
    if text.len() <= CELL_BOUND {
        return text;
    }
    let mut end = CELL_BOUND;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A card's score for a query: the sum of its positive terms' scores, a term scoring its best
/// match over the columns it looks in; `None` when the card does not match.
///
/// Runs Skim on the card's cells: meant for the cards shown, not for the whole board.
pub fn score(board: &Board, card: &Card, query: &Query) -> Option<i64> {
    let texts: Vec<String> = (0..board.headers().len())
        .map(|col| cell_text(board, card, col))
        .collect();
    let state_col = board.state_col();
    let mut total: i64 = 0;
    for term in query.terms.iter().filter(|t| !t.is_empty()) {
        let best = texts
            .iter()
            .enumerate()
            .filter(|&(col, _)| term.applies_to(col, state_col))
            .filter_map(|(_, text)| MATCHER.fuzzy_match(text, &term.text))
            .max();
        match (best, term.negated) {
            (Some(s), false) => total = total.saturating_add(s),
            (None, true) => {}
            _ => return None,
        }
    }
    Some(total)
}

/// The character indices, in [`cell_text`] of column `col`, that the query's positive terms
/// match there, ascending and without repeats.
///
/// A term contributes wherever it matches in a column it looks in, even if it matches better
/// elsewhere, so every place that made the card match is shown.
pub fn highlights(board: &Board, card: &Card, col: usize, query: &Query) -> Vec<usize> {
    let state_col = board.state_col();
    let mut terms = query
        .terms
        .iter()
        .filter(|t| !t.negated && !t.is_empty() && t.applies_to(col, state_col))
        .peekable();
    if terms.peek().is_none() {
        return Vec::new();
    }
    let text = cell_text(board, card, col);
    let mut at: Vec<usize> = terms
        .filter_map(|t| MATCHER.fuzzy_indices(&text, &t.text))
        .flat_map(|(_, indices)| indices)
        .collect();
    at.sort_unstable();
    at.dedup();
    at
}

/// At most this many threads share a scan: typing must not take every core of a big machine.
const SCAN_THREADS: usize = 4;

/// Below this many cards per thread, starting a thread costs more than it saves.
const SCAN_CHUNK_MIN: usize = 16_384;

/// Generations are unique across indexes, so a result is never narrowed on another's cards.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// The cards a query matched, as indices into `Board::cards` in board order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Indices into `Board::cards`, ascending.
    pub cards: Vec<usize>,
    query: Query,
    generation: u64,
}

impl Filtered {
    /// The query this is the result of.
    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Records whether the card at board index `index` matches now (after an edit of that card
    /// alone: the others' matches cannot have changed).
    pub fn set(&mut self, index: usize, matches: bool) {
        match (self.cards.binary_search(&index), matches) {
            (Err(at), true) => self.cards.insert(at, index),
            (Ok(at), false) => {
                self.cards.remove(at);
            }
            _ => {}
        }
    }

    /// Whether the card at board index `index` matched.
    pub fn contains(&self, index: usize) -> bool {
        self.cards.binary_search(&index).is_ok()
    }

    /// The matching ones of `indices` (ascending board indices, as a `Column` holds), in order.
    pub fn within(&self, indices: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut mine = self.cards.iter().peekable();
        for &i in indices {
            while mine.next_if(|&&m| m < i).is_some() {}
            if mine.peek() == Some(&&i) {
                out.push(i);
            }
        }
        out
    }
}

/// Every card's searched text, prepared once: ASCII-lowercased [`cell_text`] of each column.
///
/// Keep it in step with the board: [`SearchIndex::apply`] after each change applied (for an undo,
/// the inverse of the undone change), or [`SearchIndex::build`] again.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    columns: usize,
    state_col: usize,
    /// Every card's columns' texts, one after another, in one buffer: a scan reads memory in
    /// order. A changed card's new text is appended; the old becomes garbage until compacted.
    arena: String,
    /// Bytes of `arena` no card points at any more.
    garbage: usize,
    /// Per card, `columns + 1` offsets into `arena`: column `c` is `bounds[c]..bounds[c + 1]`.
    bounds: Vec<usize>,
    /// Per card and column, the [`byte_classes`] of its text: a needle with a byte class the
    /// text lacks is rejected without reading the text.
    classes: Vec<u64>,
    /// Changes with every change, so that a stale result is not narrowed.
    generation: u64,
}

/// A set of byte classes: a bit per ASCII letter and digit, shared bits for other ASCII bytes
/// and one for every non-ASCII byte. A text can hold a needle only if it has all its classes.
fn byte_classes(lowercase: &[u8]) -> u64 {
    lowercase
        .iter()
        .fold(0, |set, &b| set | CLASS_OF[usize::from(b)])
}

/// The class bit of each byte, worked out once: indexing a table is cheaper than matching.
const CLASS_OF: [u64; 256] = {
    let mut table = [0; 256];
    let mut b: u8 = 0;
    loop {
        let bit = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            0..=0x7f => 36 + b % 27,
            _ => 63,
        };
        table[b as usize] = 1 << bit;
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
};

impl SearchIndex {
    /// The index of every card of `board`.
    pub fn build(board: &Board) -> Self {
        let columns = board.headers().len();
        let mut index = Self {
            columns,
            state_col: board.state_col(),
            // The cells' text is most of the document's: one allocation, no copies as it grows.
            arena: String::with_capacity(board.doc.text.len()),
            garbage: 0,
            bounds: Vec::with_capacity(board.cards.len() * (columns + 1)),
            classes: Vec::with_capacity(board.cards.len() * columns),
            generation: next_generation(),
        };
        let (mut bounds, mut classes) = (
            std::mem::take(&mut index.bounds),
            std::mem::take(&mut index.classes),
        );
        for card in &board.cards {
            index.append(board, card, &mut bounds, &mut classes);
        }
        index.bounds = bounds;
        index.classes = classes;
        index
    }

    /// Appends a card's texts to the arena, and their bounds and byte classes to `bounds` and
    /// `classes`.
    fn append(
        &mut self,
        board: &Board,
        card: &Card,
        bounds: &mut Vec<usize>,
        classes: &mut Vec<u64>,
    ) {
        bounds.push(self.arena.len());
        for col in 0..self.columns {
            let start = self.arena.len();
            match card.cells.get(col) {
                // Most cells read as they are written: without `\\`, `<` and `[` a cell has no
                // escape, no break tag and no link (what `cell_text` reads differently).
                Some(raw)
                    if raw.len() <= CELL_BOUND
                        && !raw.bytes().any(|b| matches!(b, b'\\' | b'<' | b'[')) =>
                {
                    self.arena.push_str(raw);
                }
                _ => self.arena.push_str(&cell_text(board, card, col)),
            }
            self.arena[start..].make_ascii_lowercase();
            classes.push(byte_classes(&self.arena.as_bytes()[start..]));
            bounds.push(self.arena.len());
        }
    }

    fn stride(&self) -> usize {
        self.columns + 1
    }

    /// The arena bytes of the card at `index`.
    fn span(&self, index: usize) -> std::ops::Range<usize> {
        self.bounds[index * self.stride()]..self.bounds[index * self.stride() + self.columns]
    }

    /// Writes the arena again without garbage once garbage is most of it.
    fn compact_if_wasteful(&mut self) {
        if self.garbage <= self.arena.len() / 2 {
            return;
        }
        let mut arena = String::with_capacity(self.arena.len() - self.garbage);
        for card in self.bounds.chunks_exact_mut(self.columns + 1) {
            let start = card[0];
            let moved = arena.len();
            arena.push_str(&self.arena[start..card[card.len() - 1]]);
            for b in card {
                *b = *b - start + moved;
            }
        }
        self.arena = arena;
        self.garbage = 0;
    }

    /// The number of cards indexed.
    pub fn len(&self) -> usize {
        self.bounds.len() / self.stride()
    }

    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// Reads again the card at `index` of `board`, after it was edited.
    ///
    /// # Panics
    /// When `index` is not a card of the index or of the board.
    pub fn update(&mut self, board: &Board, index: usize) {
        self.garbage += self.span(index).len();
        let (mut bounds, mut classes) = (Vec::new(), Vec::new());
        self.append(board, &board.cards[index], &mut bounds, &mut classes);
        let stride = self.stride();
        self.bounds[index * stride..(index + 1) * stride].copy_from_slice(&bounds);
        self.classes[index * self.columns..(index + 1) * self.columns].copy_from_slice(&classes);
        self.compact_if_wasteful();
        self.generation = next_generation();
    }

    /// Adds the card at `index` of `board`, just inserted there.
    ///
    /// # Panics
    /// When `index` is past the end of the index, or not a card of the board.
    pub fn insert(&mut self, board: &Board, index: usize) {
        assert!(index <= self.len(), "insert at {index} of {}", self.len());
        let (mut bounds, mut classes) = (Vec::new(), Vec::new());
        self.append(board, &board.cards[index], &mut bounds, &mut classes);
        let at = index * self.stride();
        self.bounds.splice(at..at, bounds);
        let at = index * self.columns;
        self.classes.splice(at..at, classes);
        self.generation = next_generation();
    }

    /// Drops the card at `index`, just removed from the board.
    ///
    /// # Panics
    /// When `index` is not a card of the index.
    pub fn remove(&mut self, index: usize) {
        self.garbage += self.span(index).len();
        let at = index * self.stride();
        self.bounds.drain(at..at + self.stride());
        let at = index * self.columns;
        self.classes.drain(at..at + self.columns);
        self.compact_if_wasteful();
        self.generation = next_generation();
    }

    /// Moves the card at `from` to `to`, as `Change::Reorder` does.
    fn reorder(&mut self, from: usize, to: usize) {
        let stride = self.stride();
        let bounds: Vec<usize> = self
            .bounds
            .drain(from * stride..(from + 1) * stride)
            .collect();
        self.bounds.splice(to * stride..to * stride, bounds);
        let cols = self.columns;
        let classes: Vec<u64> = self.classes.drain(from * cols..(from + 1) * cols).collect();
        self.classes.splice(to * cols..to * cols, classes);
        self.generation = next_generation();
    }

    /// Follows a change just applied to `board` (after an undo: the undone change's inverse).
    /// Rebuilds when the change does not fit the index, so it never falls out of step silently.
    pub fn apply(&mut self, board: &Board, change: &Change) {
        let len = self.len();
        let fits = match change {
            Change::Edit { id, .. } => match board.index_of(*id) {
                Some(i) if i < len => {
                    self.update(board, i);
                    true
                }
                _ => false,
            },
            Change::Reorder { from, to, .. } if *from < len && *to < len => {
                self.reorder(*from, *to);
                true
            }
            Change::Insert { at, .. } if (*at).min(len) < board.cards.len() => {
                self.insert(board, (*at).min(len));
                true
            }
            Change::Remove { at, .. } if *at < len => {
                self.remove(*at);
                true
            }
            _ => false,
        };
        if !fits
            || self.len() != board.cards.len()
            || self.columns != board.headers().len()
            || self.state_col != board.state_col()
        {
            *self = Self::build(board);
        }
    }

    /// The cards matching `query`, in board order.
    ///
    /// With `previous`, the last result of this index, and a query that can only match fewer
    /// cards than the previous one (the last term extended, a term added), only the previous
    /// matches are tested, and only against the terms that changed. Any other `previous` is
    /// ignored, so passing the last result is always safe.
    pub fn filter(&self, query: &Query, previous: Option<&Filtered>) -> Filtered {
        let narrowed = previous
            .filter(|p| p.generation == self.generation)
            .and_then(|p| Some((p, query.narrowing(&p.query)?)));
        let cards = match narrowed {
            Some((p, retest)) if retest.is_empty() => p.cards.clone(),
            Some((p, retest)) => self.scan(&p.cards, &self.needles(&retest)),
            None => {
                let terms: Vec<&Term> = query.terms.iter().filter(|t| !t.is_empty()).collect();
                let all: Vec<usize> = (0..self.len()).collect();
                if terms.is_empty() {
                    all
                } else {
                    self.scan(&all, &self.needles(&terms))
                }
            }
        };
        Filtered {
            cards,
            query: query.clone(),
            generation: self.generation,
        }
    }

    /// Whether the card at `index` matches `query`: the test `filter` makes of every card, for
    /// one (a card just edited, say).
    pub fn matches_query(&self, index: usize, query: &Query) -> bool {
        let terms: Vec<&Term> = query.terms.iter().filter(|t| !t.is_empty()).collect();
        index < self.len() && (terms.is_empty() || self.matches(index, &self.needles(&terms)))
    }

    /// The ones of `cards` that pass every needle, in order; big scans are shared among up to
    /// [`SCAN_THREADS`] threads.
    fn scan(&self, cards: &[usize], needles: &[Needle]) -> Vec<usize> {
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(SCAN_THREADS)
            .min(cards.len() / SCAN_CHUNK_MIN);
        let pass = |part: &[usize]| -> Vec<usize> {
            part.iter()
                .copied()
                .filter(|&i| self.matches(i, needles))
                .collect()
        };
        if threads < 2 {
            return pass(cards);
        }
        let parts: Vec<Vec<usize>> = std::thread::scope(|scope| {
            let handles: Vec<_> = cards
                .chunks(cards.len().div_ceil(threads))
                .map(|part| scope.spawn(move || pass(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        parts.concat()
    }

    /// The terms as the scan uses them: the columns each looks in, its needle and its classes.
    fn needles<'a>(&self, terms: &[&'a Term]) -> Vec<Needle<'a>> {
        terms
            .iter()
            .map(|t| Needle {
                columns: (0..self.columns)
                    .filter(|&c| t.applies_to(c, self.state_col))
                    .collect(),
                text: &t.needle,
                ascii: t.needle.is_ascii(),
                classes: byte_classes(t.needle.as_bytes()),
                negated: t.negated,
            })
            .collect()
    }

    /// Whether the card at `index` passes every one of `needles`.
    fn matches(&self, index: usize, needles: &[Needle]) -> bool {
        let bounds = &self.bounds[index * self.stride()..(index + 1) * self.stride()];
        let classes = &self.classes[index * self.columns..(index + 1) * self.columns];
        let arena = self.arena.as_bytes();
        needles.iter().all(|n| {
            let found = n.columns.iter().any(|&col| {
                n.classes & !classes[col] == 0 && {
                    let hay = &arena[bounds[col]..bounds[col + 1]];
                    if n.ascii {
                        is_byte_subsequence(hay, n.text.as_bytes())
                    } else {
                        is_subsequence(&self.arena[bounds[col]..bounds[col + 1]], n.text)
                    }
                }
            });
            found != n.negated
        })
    }
}

/// A term ready for the scan.
struct Needle<'a> {
    columns: Vec<usize>,
    text: &'a str,
    ascii: bool,
    classes: u64,
    negated: bool,
}

/// [`is_subsequence`] for an ASCII needle: byte by byte, as an ASCII byte in UTF-8 is always a
/// whole character.
fn is_byte_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut wanted = needle.iter();
    let Some(mut next) = wanted.next() else {
        return true;
    };
    for b in hay {
        if b == next {
            match wanted.next() {
                Some(n) => next = n,
                None => return true,
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;
