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
    if text.len() > CELL_BOUND {
        let mut end = CELL_BOUND;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
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
    /// Per card, its columns' texts one after another.
    texts: Vec<Box<str>>,
    /// Per card, `columns` end offsets into its text.
    ends: Vec<usize>,
    /// Changes with every change, so that a stale result is not narrowed.
    generation: u64,
}

impl SearchIndex {
    /// The index of every card of `board`.
    pub fn build(board: &Board) -> Self {
        let columns = board.headers().len();
        let mut index = Self {
            columns,
            state_col: board.state_col(),
            texts: Vec::with_capacity(board.cards.len()),
            ends: Vec::with_capacity(board.cards.len() * columns),
            generation: next_generation(),
        };
        for card in &board.cards {
            let (text, ends) = index.prepare(board, card);
            index.texts.push(text);
            index.ends.extend(ends);
        }
        index
    }

    fn prepare(&self, board: &Board, card: &Card) -> (Box<str>, Vec<usize>) {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(self.columns);
        for col in 0..self.columns {
            text.push_str(&cell_text(board, card, col));
            ends.push(text.len());
        }
        text.make_ascii_lowercase();
        (text.into_boxed_str(), ends)
    }

    /// The number of cards indexed.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Reads again the card at `index` of `board`, after it was edited.
    ///
    /// # Panics
    /// When `index` is not a card of the index or of the board.
    pub fn update(&mut self, board: &Board, index: usize) {
        let (text, ends) = self.prepare(board, &board.cards[index]);
        self.texts[index] = text;
        self.ends[index * self.columns..(index + 1) * self.columns].copy_from_slice(&ends);
        self.generation = next_generation();
    }

    /// Adds the card at `index` of `board`, just inserted there.
    ///
    /// # Panics
    /// When `index` is past the end of the index, or not a card of the board.
    pub fn insert(&mut self, board: &Board, index: usize) {
        let (text, ends) = self.prepare(board, &board.cards[index]);
        self.texts.insert(index, text);
        let at = index * self.columns;
        self.ends.splice(at..at, ends);
        self.generation = next_generation();
    }

    /// Drops the card at `index`, just removed from the board.
    ///
    /// # Panics
    /// When `index` is not a card of the index.
    pub fn remove(&mut self, index: usize) {
        self.texts.remove(index);
        let at = index * self.columns;
        self.ends.drain(at..at + self.columns);
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
                let text = self.texts.remove(*from);
                self.texts.insert(*to, text);
                let ends: Vec<usize> = self
                    .ends
                    .drain(from * self.columns..(from + 1) * self.columns)
                    .collect();
                let at = to * self.columns;
                self.ends.splice(at..at, ends);
                self.generation = next_generation();
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
            Some((p, retest)) => p
                .cards
                .iter()
                .copied()
                .filter(|&i| self.matches(i, &retest))
                .collect(),
            None => {
                let terms: Vec<&Term> = query.terms.iter().filter(|t| !t.is_empty()).collect();
                if terms.is_empty() {
                    (0..self.len()).collect()
                } else {
                    (0..self.len())
                        .filter(|&i| self.matches(i, &terms))
                        .collect()
                }
            }
        };
        Filtered {
            cards,
            query: query.clone(),
            generation: self.generation,
        }
    }

    /// Whether the card at `index` passes every one of `terms`.
    fn matches(&self, index: usize, terms: &[&Term]) -> bool {
        let text = &self.texts[index];
        let ends = &self.ends[index * self.columns..(index + 1) * self.columns];
        let cell = |col: usize| {
            let start = if col == 0 { 0 } else { ends[col - 1] };
            &text[start..ends[col]]
        };
        terms.iter().all(|term| {
            let found = match term.field {
                Some(col) => col < self.columns && is_subsequence(cell(col), &term.needle),
                None => (0..self.columns)
                    .any(|col| col != self.state_col && is_subsequence(cell(col), &term.needle)),
            };
            found != term.negated
        })
    }
}

#[cfg(test)]
mod tests;
