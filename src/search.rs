//! Finding cards: the query language of the search line and of `list --filter`, an index that
//! filters 100,000 cards within a keystroke, and the ranking of what it finds.
//!
//! A query is terms separated by spaces (double quotes keep spaces: `"load bal"`); a card matches
//! when every term does. `field:text` looks in one column only, the field being a header name or
//! a unique word or prefix of one (`group` is "Community Group"); a term without a field looks in
//! every column but State. `-term` excludes the cards it matches. Matching ignores ASCII case and
//! reads what a person sees of a cell: its value with link markup stripped, up to
//! [`CELL_BOUND`] bytes.
//!
//! A term matches a cell where its text is a run of the cell's (`console` in "Console General
//! Availability"), or where its characters are scattered over the cell but score, by
//! [`SkimMatcherV2`](fuzzy_matcher::skim::SkimMatcherV2)'s measure, at least [`floor`]: enough
//! word starts to pay for the gaps (`pricstab` in "Pricing Stability"), not letters strewn over a
//! sentence. `~term` matches loosely: its characters in order anywhere in a cell are enough.
//!
//! Cards rank ([`rank`]) by the worst of their terms' [`Tier`]s (a whole word, a run, scattered),
//! then by the sum of their terms' scores.
//!
//! ```
//! use mdboard::{board::Board, markdown, search::{self, Query, SearchIndex}};
//!
//! let board = Board::detect(markdown::parse(
//!     "| Name | Label | State |\n| - | - | - |\n| GPU Support | gpu | done |\n| Docs | docs | |\n",
//! )?)?;
//! let index = SearchIndex::build(&board); // then index.apply(&board, &change) after each change
//! let g = index.filter(&Query::parse("g", board.field_names())?, None);
//! let gpu = Query::parse("gpu", board.field_names())?;
//! let found = index.filter(&gpu, Some(&g)); // "gpu" extends "g": only g's matches are tested
//! assert_eq!(found.cards, [0]);
//! let card = &board.cards[0];
//! assert_eq!(search::rank(&board, card, &gpu).map(|r| r.tier), Some(search::Tier::Word));
//! assert!(search::score(&board, card, &gpu).is_some_and(|s| s > 0));
//! assert_eq!(search::highlights(&board, card, 0, &gpu), [0, 1, 2]);
//! assert!(Query::parse("owner:me", board.field_names()).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod index;
mod query;
mod skim;

use std::cmp::Ordering;

pub use index::{Filtered, SearchIndex};
pub use query::{Query, QueryError, Term};

use crate::board::{Board, Card};
use crate::markdown;
use skim::{Pattern, skim};

/// How many bytes of a cell's displayed text are searched: one huge cell cannot stall typing.
pub const CELL_BOUND: usize = 4096;

/// The least score a scattered match of a term of `needle`'s length needs to count: 18 a
/// character and 6 more.
///
/// Skim gives 16 a character matched, adds bonuses where characters start words or follow one
/// another, and takes off for gaps. Matches that start words, as abbreviations do ("gs" in "GPU
/// Support": 49; "pricstab" in "Pricing Stability": 168, floor 150), earn more than they lose;
/// letters strewn over a sentence do not ("console" across a description: 92, floor 132; "gpu"
/// across one: 47 at best on the Akash page, floor 60). The 6 keeps two-letter terms, which find
/// two word starts in most sentences, to abbreviations of nearby words.
pub fn floor(needle: &str) -> i32 {
    let chars = i32::try_from(needle.chars().count()).unwrap_or(i32::MAX / 32);
    chars.saturating_mul(18).saturating_add(6)
}

/// How well a term matches: the best of its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// A whole word of a cell (or several: `"load balancers"`).
    Word,
    /// A run of a cell's text: `ider` in "Provider".
    Run,
    /// Scattered over a cell.
    Scattered,
}

/// Where a card ranks for a query: better ranks are greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// The worst tier among the query's terms.
    pub tier: Tier,
    /// The sum of the query's terms' scores, each its best column's.
    pub score: i64,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .tier
            .cmp(&self.tier)
            .then(self.score.cmp(&other.score))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What is searched of a cell: its value with link markup stripped (the text a person sees),
/// cut to at most [`CELL_BOUND`] bytes on a character boundary.
///
/// Character indices from [`highlights`] point into this text, and so into the whole displayed
/// text, of which it is a prefix.
pub fn cell_text(board: &Board, card: &Card, col: usize) -> String {
    let value = board
        .field_cell(card, col)
        .map(markdown::decode)
        .unwrap_or_default();
    let mut text = markdown::strip_links(&value).text;
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

/// A query ready to rank many cards: each term's pattern made once.
pub(crate) struct Ranker<'a> {
    terms: Vec<(&'a Term, Option<Pattern>)>,
}

impl<'a> Ranker<'a> {
    pub(crate) fn new(query: &'a Query) -> Self {
        Self {
            terms: query
                .terms()
                .iter()
                .filter(|t| !t.is_empty())
                .map(|t| (t, Pattern::new(t.needle())))
                .collect(),
        }
    }

    /// Where a card whose cells' lowercased texts are `texts` ranks; `None` when it does not
    /// match.
    pub(crate) fn rank(&self, texts: &[&str], state_col: usize) -> Option<Rank> {
        let mut rank = Rank {
            tier: Tier::Word,
            score: 0,
        };
        for (term, pattern) in &self.terms {
            let best = texts
                .iter()
                .enumerate()
                .filter(|&(col, _)| term.applies_to(col, state_col))
                .filter_map(|(_, text)| term_in(term, pattern.as_ref(), text))
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
            match (best, term.negated) {
                (Some((tier, score)), false) => {
                    rank.tier = rank.tier.max(tier);
                    rank.score = rank.score.saturating_add(score);
                }
                (None, true) => {}
                _ => return None,
            }
        }
        Some(rank)
    }
}

/// How a term matches one lowercased cell text: its tier and score, `None` when it does not.
fn term_in(term: &Term, pattern: Option<&Pattern>, text: &str) -> Option<(Tier, i64)> {
    let needle = term.needle();
    let score = match pattern {
        Some(p) => p.score(text.as_bytes())?,
        None => skim(text, needle)?.0,
    };
    let tier = if is_word_in(text, needle) {
        Tier::Word
    } else if text.contains(needle) {
        Tier::Run
    } else if term.loose || score >= floor(needle) {
        Tier::Scattered
    } else {
        return None;
    };
    Some((tier, i64::from(score)))
}

/// Whether `needle` is in `text` with no letter or digit right before or after it.
fn is_word_in(text: &str, needle: &str) -> bool {
    let wordy = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle).any(|(at, _)| {
        !wordy(text[..at].chars().next_back()) && !wordy(text[at + needle.len()..].chars().next())
    })
}

/// Where a card ranks for a query; `None` when it does not match.
///
/// Runs the matcher over the card's cells: meant for the cards shown, or once over the matches
/// when they are ranked, not at every keystroke over the whole board.
pub fn rank(board: &Board, card: &Card, query: &Query) -> Option<Rank> {
    let texts: Vec<String> = (0..board.field_names().len())
        .map(|col| cell_text(board, card, col).to_ascii_lowercase())
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    Ranker::new(query).rank(&texts, board.field_state())
}

/// A card's score for a query: the sum of its positive terms' scores, a term scoring its best
/// match over the columns it looks in; `None` when the card does not match.
pub fn score(board: &Board, card: &Card, query: &Query) -> Option<i64> {
    rank(board, card, query).map(|r| r.score)
}

/// The character indices, in [`cell_text`] of column `col`, that the query's positive terms
/// match there, ascending and without repeats.
///
/// A term contributes wherever it matches in a column it looks in, even if it matches better
/// elsewhere, so every place that made the card match is shown.
pub fn highlights(board: &Board, card: &Card, col: usize, query: &Query) -> Vec<usize> {
    highlights_in(
        &cell_text(board, card, col),
        col,
        board.field_state(),
        query,
    )
}

/// The character indices of `text` (the shown text of field `col`, the status field being
/// `state_col`) that the query's positive terms match, ascending and without repeats: as
/// [`highlights`], for text shown otherwise than [`cell_text`] reads it (markup rendered).
pub fn highlights_in(text: &str, col: usize, state_col: usize, query: &Query) -> Vec<usize> {
    let mut terms = query
        .terms()
        .iter()
        .filter(|t| !t.negated && !t.is_empty() && t.applies_to(col, state_col))
        .peekable();
    if terms.peek().is_none() {
        return Vec::new();
    }
    let text = text.to_ascii_lowercase();
    let mut at: Vec<usize> = terms
        .filter(|t| term_in(t, Pattern::new(t.needle()).as_ref(), &text).is_some())
        .filter_map(|t| skim(&text, t.needle()))
        .flat_map(|(_, indices)| indices)
        .collect();
    at.sort_unstable();
    at.dedup();
    at
}

#[cfg(test)]
mod tests;
