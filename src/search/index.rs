//! The search index: every card's searched text prepared once, and the scan that filters
//! 100,000 cards within a keystroke.
//!
//! A card is found in two steps. The candidates are the cards whose cells hold each term's
//! characters in order: a subsequence test over text prepared once, that a query only growing
//! stricter narrows from the last result. Then the terms that ask more (see
//! [`Term::needs_strict_test`]) are tested on the candidates only: a run of the text, else
//! Skim's score against the floor, by [`Pattern::find`].

use std::sync::atomic::{AtomicU64, Ordering};

use super::query::{Term, is_subsequence};
use super::skim::{Found, MustStartWords, Pattern, skim, word_start};
use super::{CELL_BOUND, Query, Rank, Ranker, cell_text, floor};
use crate::board::{Board, Card, Change};

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
    /// The candidates the cards were found among (a superset, ascending): what a stricter
    /// query narrows.
    pub(super) candidates: Vec<usize>,
    pub(super) query: Query,
    pub(super) generation: u64,
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
    /// Every card's columns' texts, one after another, in one buffer: a scan reads memory in
    /// order. A changed card's new text is appended; the old becomes garbage until compacted.
    arena: String,
    /// Bytes of `arena` no card points at any more.
    garbage: usize,
    /// Per card, `columns + 1` offsets into `arena`: column `c` is `bounds[c]..bounds[c + 1]`.
    bounds: Vec<usize>,
    /// Per card and column, the byte classes of its text: a needle with a byte class the text
    /// lacks is rejected without reading the text.
    classes: Vec<Classes>,
    /// Changes with every change, so that a stale result is not narrowed.
    generation: u64,
}

/// The byte classes of a text: of all its bytes, and of the bytes that start its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Classes {
    all: u64,
    /// Of the bytes Skim sees as starting a word ([`word_start`]): a scattered match that
    /// must start words with characters the text's words do not start with is rejected
    /// without reading the text ([`MustStartWords`]).
    heads: u64,
}

impl Classes {
    /// Both in one pass, without a branch a byte: this runs over every cell when the index is
    /// built.
    fn of(lowercase: &[u8]) -> Self {
        let (mut all, mut heads) = (0, 0);
        let mut start = true;
        for &b in lowercase {
            let class = CLASS_OF[usize::from(b)];
            let (char, starts_next) = word_start(b);
            all |= class;
            heads |= class & 0u64.wrapping_sub(u64::from(char & start));
            start = if char { starts_next } else { start };
        }
        Self { all, heads }
    }
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
        let columns = board.field_names().len();
        let mut index = Self {
            columns,
            state_col: board.field_state(),
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
        classes: &mut Vec<Classes>,
    ) {
        bounds.push(self.arena.len());
        for col in 0..self.columns {
            let start = self.arena.len();
            match board.field_cell(card, col) {
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
            classes.push(Classes::of(&self.arena.as_bytes()[start..]));
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
        let classes: Vec<Classes> = self.classes.drain(from * cols..(from + 1) * cols).collect();
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
            // Edits keep every card where it is: each card's text is read again.
            Change::Batch(parts) if parts.iter().all(|p| matches!(p, Change::Edit { .. })) => {
                parts.iter().all(|part| match part {
                    Change::Edit { id, .. } => match board.index_of(*id) {
                        Some(i) if i < len => {
                            self.update(board, i);
                            true
                        }
                        _ => false,
                    },
                    _ => false,
                })
            }
            _ => false,
        };
        if !fits
            || self.len() != board.cards.len()
            || self.columns != board.field_names().len()
            || self.state_col != board.field_state()
        {
            *self = Self::build(board);
        }
    }

    /// The cards matching `query`, in board order.
    ///
    /// With `previous`, the last result of this index, and a query that can only have fewer
    /// candidates than the previous one (the last term extended, a term added), only the
    /// previous candidates are tested, and only against the terms that changed; when the terms
    /// needing the strict test are the previous ones and more, only the previous matches are
    /// tested, against the new ones. Any other `previous` is ignored, so passing the last
    /// result is always safe.
    pub fn filter(&self, query: &Query, previous: Option<&Filtered>) -> Filtered {
        let terms = query.terms();
        let strict: Vec<&Term> = terms.iter().filter(|t| t.needs_strict_test()).collect();
        let narrowed = previous
            .filter(|p| p.generation == self.generation)
            .and_then(|p| Some((p, query.narrowing(&p.query)?)));
        let (candidates, cards) = if let Some((p, retest)) = narrowed {
            self.narrow(p, &retest, &strict)
        } else {
            let loose: Vec<&Term> = terms
                .iter()
                .filter(|t| t.candidate_test().is_some())
                .collect();
            let all: Vec<usize> = (0..self.len()).collect();
            self.scan(&all, &self.tests(&loose, &strict), None)
        };
        Filtered {
            cards,
            candidates,
            query: query.clone(),
            generation: self.generation,
        }
    }

    /// The candidates and matches of a query narrowing `p`'s: `retest` the terms whose candidate
    /// test changed, `strict` the query's terms needing the strict test.
    fn narrow(&self, p: &Filtered, retest: &[&Term], strict: &[&Term]) -> (Vec<usize>, Vec<usize>) {
        // When every term tested strictly before is tested again, a candidate that failed one
        // of them fails it again: only the previous matches need testing, and only against the
        // terms that are new.
        let mut extra = strict.to_vec();
        let kept = p
            .query
            .terms()
            .iter()
            .filter(|t| t.needs_strict_test())
            .all(|old| {
                extra
                    .iter()
                    .position(|t| same_test(t, old))
                    .map(|at| extra.remove(at))
                    .is_some()
            });
        if kept {
            self.scan(
                &p.candidates,
                &self.tests(retest, &extra),
                Some(p.cards.as_slice()),
            )
        } else {
            self.scan(&p.candidates, &self.tests(retest, strict), None)
        }
    }

    /// `cards` (matches of `query`) best ranked first, ties in board order; as [`super::rank`]
    /// ranks them, from the index's texts.
    pub fn ranked(&self, cards: &[usize], query: &Query) -> Vec<usize> {
        let ranker = Ranker::new(query);
        let rank = |part: &[usize]| -> Vec<(Rank, usize)> {
            part.iter()
                .filter(|&&i| i < self.len())
                .filter_map(|&i| {
                    let texts: Vec<&str> = (0..self.columns)
                        .map(|col| &self.arena[self.range(i, col)])
                        .collect();
                    ranker.rank(&texts, self.state_col).map(|r| (r, i))
                })
                .collect()
        };
        let mut by_rank = in_parallel(cards, rank).concat();
        by_rank.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        by_rank.into_iter().map(|(_, i)| i).collect()
    }

    /// Tests again the card at `index` for `filtered`'s query, after an edit of that card alone
    /// (the others' matches cannot have changed).
    pub fn refilter(&self, filtered: &mut Filtered, index: usize) {
        let terms = filtered.query.terms();
        let loose: Vec<&Term> = terms
            .iter()
            .filter(|t| t.candidate_test().is_some())
            .collect();
        let strict: Vec<&Term> = terms.iter().filter(|t| t.needs_strict_test()).collect();
        let (candidate, card) = if index < self.len() {
            self.scan(&[index], &self.tests(&loose, &strict), None)
        } else {
            (Vec::new(), Vec::new())
        };
        set(&mut filtered.candidates, index, !candidate.is_empty());
        set(&mut filtered.cards, index, !card.is_empty());
    }

    /// The ones of `cards` that pass every candidate test (the candidates), and of those the
    /// ones that pass every strict test too (and are in `only`, ascending, if given), in order.
    fn scan(
        &self,
        cards: &[usize],
        tests: &[TermTest],
        only: Option<&[usize]>,
    ) -> (Vec<usize>, Vec<usize>) {
        let pass = |part: &[usize]| -> (Vec<usize>, Vec<usize>) {
            let mut candidates = Vec::new();
            let mut found = Vec::new();
            // `only` walked alongside `part`, both ascending.
            let mut allowed = only.map(|o| {
                let start = part.first().map_or(0, |&f| o.partition_point(|&i| i < f));
                o[start..].iter().peekable()
            });
            for &i in part {
                let eligible = allowed.as_mut().is_none_or(|a| {
                    while a.next_if(|&&j| j < i).is_some() {}
                    a.peek() == Some(&&i)
                });
                let (candidate, matched) = self.test(i, tests, eligible);
                if candidate {
                    candidates.push(i);
                    if matched {
                        found.push(i);
                    }
                }
            }
            (candidates, found)
        };
        let (candidates, found): (Vec<_>, Vec<_>) = in_parallel(cards, pass).into_iter().unzip();
        (candidates.concat(), found.concat())
    }

    /// The tests the scan makes: the candidate test of `loose`, the strict test of `strict`, one
    /// test a term for a term in both.
    fn tests<'a>(&self, loose: &[&'a Term], strict: &[&'a Term]) -> Vec<TermTest<'a>> {
        let mut tests: Vec<TermTest<'a>> = Vec::new();
        for (&term, is_strict) in loose
            .iter()
            .map(|t| (t, false))
            .chain(strict.iter().map(|t| (t, true)))
        {
            if let Some(t) = tests.iter_mut().find(|t| std::ptr::eq(t.term, term)) {
                t.strict |= is_strict;
                continue;
            }
            let needle = term.needle();
            tests.push(TermTest {
                term,
                columns: (0..self.columns)
                    .filter(|&c| term.applies_to(c, self.state_col))
                    .collect(),
                needle,
                run: memchr::memmem::Finder::new(needle),
                classes: byte_classes(needle.as_bytes()),
                candidate: !is_strict,
                strict: is_strict,
                pattern: Pattern::new(needle),
                floor: floor(needle),
                must: MustStartWords::of(needle),
                first: byte_classes(&needle.as_bytes()[..1]),
                rest: byte_classes(&needle.as_bytes()[1..]),
            });
        }
        tests
    }

    /// Where the text of column `col` of the card at `index` is in the arena.
    #[inline]
    fn range(&self, index: usize, col: usize) -> std::ops::Range<usize> {
        let at = index * self.stride() + col;
        self.bounds[at]..self.bounds[at + 1]
    }

    /// Whether the card at `index` is a candidate (passes the candidate tests), and a match
    /// (passes the strict tests too, and is `eligible`).
    fn test(&self, index: usize, tests: &[TermTest], eligible: bool) -> (bool, bool) {
        let mut matched = eligible;
        for t in tests {
            let (candidate, strict) = self.test_term(index, t, matched && t.strict);
            if t.candidate && !candidate {
                return (false, false);
            }
            if t.strict && !strict {
                matched = false;
            }
        }
        (true, matched)
    }

    /// One term's tests on the card at `index`: whether it passes the candidate test, and (when
    /// `strict` asks) the strict test. A negated term passes where its text is not found.
    fn test_term(&self, index: usize, t: &TermTest, strict: bool) -> (bool, bool) {
        if !strict && !t.candidate {
            return (true, false);
        }
        let classes = &self.classes[index * self.columns..(index + 1) * self.columns];
        // Found at all (its characters in order), and found as the strict test wants.
        let (mut found, mut found_strictly) = (false, false);
        for &col in &t.columns {
            if t.classes & !classes[col].all != 0 {
                continue;
            }
            let range = self.range(index, col);
            let hay = &self.arena.as_bytes()[range.clone()];
            if !strict {
                let here = if t.pattern.is_some() {
                    is_byte_subsequence(hay, t.needle.as_bytes())
                } else {
                    is_subsequence(&self.arena[range], t.needle)
                };
                if here {
                    found = true;
                    break;
                }
                continue;
            }
            let probe = if t.pattern.is_some() {
                if t.run.find(hay).is_some() {
                    Probe::Run
                } else if is_byte_subsequence(hay, t.needle.as_bytes()) {
                    Probe::Scattered
                } else {
                    Probe::Absent
                }
            } else {
                let text = &self.arena[range.clone()];
                if text.contains(t.needle) {
                    Probe::Run
                } else if is_subsequence(text, t.needle) {
                    Probe::Scattered
                } else {
                    Probe::Absent
                }
            };
            match probe {
                Probe::Absent => continue,
                Probe::Run => return (!t.term.negated, !t.term.negated),
                Probe::Scattered => found = true,
            }
            let scores = t.may_scatter(hay, classes[col].heads)
                && match &t.pattern {
                    Some(p) => p.find(hay, t.floor).is_some_and(|f| match f {
                        Found::Run => true,
                        Found::Scattered(score) => score >= t.floor,
                    }),
                    None => skim(&self.arena[range], t.needle).is_some_and(|(s, _)| s >= t.floor),
                };
            if scores {
                found_strictly = true;
                break;
            }
        }
        if t.term.negated {
            (!found, !found_strictly)
        } else {
            (found || found_strictly, found_strictly)
        }
    }
}

/// `work` done on parts of `cards` in order, shared among up to [`SCAN_THREADS`] threads when
/// there are enough cards for each to be worth starting.
fn in_parallel<T: Send>(cards: &[usize], work: impl Fn(&[usize]) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(SCAN_THREADS)
        .min(cards.len() / SCAN_CHUNK_MIN);
    if threads < 2 {
        return vec![work(cards)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = cards
            .chunks(cards.len().div_ceil(threads))
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Whether two terms ask the same strict test.
fn same_test(a: &Term, b: &Term) -> bool {
    a.field == b.field && a.negated == b.negated && a.loose == b.loose && a.needle() == b.needle()
}

/// Puts `index` into the ascending list `cards`, or takes it out.
fn set(cards: &mut Vec<usize>, index: usize, present: bool) {
    match (cards.binary_search(&index), present) {
        (Err(at), true) => cards.insert(at, index),
        (Ok(at), false) => {
            cards.remove(at);
        }
        _ => {}
    }
}

/// A term's tests, ready for the scan.
struct TermTest<'a> {
    term: &'a Term,
    columns: Vec<usize>,
    needle: &'a str,
    /// Finds the term as a run of a text; made once, for every text of the scan.
    run: memchr::memmem::Finder<'a>,
    classes: u64,
    /// Whether the scan asks the candidate test of the term, and the strict test.
    candidate: bool,
    strict: bool,
    /// `None` for a term the replica does not take: Skim itself scores it.
    pattern: Option<Pattern>,
    floor: i32,
    /// The word starts a scattered match needs.
    must: MustStartWords,
    /// The classes of the term's first byte, and of the others.
    first: u64,
    rest: u64,
}

impl TermTest<'_> {
    /// Whether a scattered match could reach the floor in `hay`, whose words start with the
    /// byte classes `heads`.
    fn may_scatter(&self, hay: &[u8], heads: u64) -> bool {
        // At the text's start a word-start bonus is doubled: the bound does not hold there.
        if hay.first() == self.needle.as_bytes().first() {
            return true;
        }
        match self.must {
            MustStartWords::Nothing => true,
            MustStartWords::One => (self.first | self.rest) & heads != 0,
            MustStartWords::FirstAndAnother => self.first & heads != 0 && self.rest & heads != 0,
        }
    }
}

/// How a term's text is in a cell's.
enum Probe {
    Absent,
    /// Its characters in order, not one after another.
    Scattered,
    /// As a run.
    Run,
}

/// [`is_subsequence`] for an ASCII needle: byte by byte, as an ASCII byte in UTF-8 is always a
/// whole character.
///
/// Each byte is looked for with `memchr`, which reads many bytes an instruction: faster than a
/// byte at a time once texts are longer than a few words.
fn is_byte_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests;
