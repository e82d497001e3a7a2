//! Skim's score, fast enough to decide over 100,000 cards within a keystroke.
//!
//! [`SkimMatcherV2`] scores an alignment of a term's characters in a text: 16 for each character
//! matched, a bonus where it starts a word (8; 7 after punctuation; twice 8 for the text's first
//! character), 4 for each character that follows the one before it, less 4 for each gap between
//! them and 1 for each further character skipped. Running it costs about 2 µs a cell, and the
//! cells a short term matches loosely are most of a big board's: 130 to 260 ms at 100,000 cards.
//!
//! [`Pattern::score`] computes the same score in one pass over the text's bytes, with the
//! dynamic programme kept only at the characters the term contains: equal to Skim's on
//! lowercased text (a property test holds it to that), and able to stop at the first exact run
//! or once a score is reached.
//!
//! Skim itself is not a pure function: it keeps its score matrix between calls and reads a bonus
//! left in it by an earlier text, and its score-only path reuses two rows in a way that can read
//! another row's cell. [`skim`] runs it with a matrix of its own, through the path that also
//! finds positions, which is what the replica equals.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A score below any real one: Skim's "minus infinity", kept so arithmetic on it cannot overflow.
const NONE: i32 = i16::MIN as i32;

/// The longest term (in bytes) the replica takes; a longer one is scored by Skim itself.
const MAX_LEN: usize = 32;

/// Characters that start a word after them (Skim's "hard separators").
const HARD: &[u8] = b" /\\|()[]{}";

/// What Skim makes of a byte: 0 none (before the text), 1 hard separator, 2 punctuation,
/// 3 digit, 4 upper case, 5 anything else (lower case, non-ASCII), 6 a UTF-8 continuation byte
/// (part of the character before: not a character of its own).
const KIND: [u8; 256] = {
    let mut table = [5; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        table[b] = match byte {
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => 2,
            b'0'..=b'9' => 3,
            b'A'..=b'Z' => 4,
            0x80..=0xBF => 6,
            _ => 5,
        };
        let mut h = 0;
        while h < HARD.len() {
            if HARD[h] == byte {
                table[b] = 1;
            }
            h += 1;
        }
        b += 1;
    }
    table
};

/// The bonus of a character of kind `kind` after one of kind `before`: Skim's head, break and
/// camel bonuses.
const fn bonus(before: u8, kind: u8) -> i32 {
    match (before, kind) {
        (0 | 1, _) => 8,
        (2, _) => 7,
        (3 | 5, 4) => 6,
        _ => 0,
    }
}

/// A term ready to be scored: for each ASCII byte, which of the term's positions hold it.
#[derive(Debug, Clone)]
pub struct Pattern {
    positions: [u32; 128],
    len: usize,
}

/// How a term matched a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// As a run of the text: the term's characters one after another.
    Run,
    /// Scattered, with Skim's score (the best alignment's).
    Scattered(i32),
}

impl Pattern {
    /// The pattern of `needle` (lowercased ASCII), or `None` when it is not ASCII or too long
    /// for the replica: then [`skim`] scores it.
    pub fn new(needle: &str) -> Option<Self> {
        if !needle.is_ascii() || needle.is_empty() || needle.len() > MAX_LEN {
            return None;
        }
        let mut positions = [0; 128];
        for (i, b) in needle.bytes().enumerate() {
            positions[usize::from(b)] |= 1 << i;
        }
        Some(Self {
            positions,
            len: needle.len(),
        })
    }

    /// Skim's score of the term in `hay` (lowercased as the term is), or `None` when the term's
    /// characters are not all there in order.
    pub fn score(&self, hay: &[u8]) -> Option<i32> {
        // Not asked to stop at a run, the scan reports every match as scattered, with its score.
        match self.scan(hay, i32::MAX, false)? {
            Found::Scattered(score) => Some(score),
            Found::Run => None,
        }
    }

    /// Whether the term is in `hay` as a run, else its score, stopping as soon as it reaches
    /// `enough`: what deciding a match needs, and no more.
    pub fn find(&self, hay: &[u8], enough: i32) -> Option<Found> {
        self.scan(hay, enough, true)
    }

    /// The dynamic programme of Skim, over the characters of `hay` the term holds.
    ///
    /// Skim's matrices: `M[i][c]`, the best score of the term's first `i + 1` characters with
    /// the last at column `c` (a character's index + 1), and `P[i][c]`, the same with column `c`
    /// skipped. A gap's cost grows by one a column, so `P[i][c] = max over k < c of M[i][k] + k -
    /// c - 3`: it is kept as the running maximum of `M[i][k] + k` (`reach`), folded in once
    /// column `k` is at least two back, and `M[i][c - 1]` (`last`) serves a run.
    fn scan(&self, hay: &[u8], enough: i32, stop_at_run: bool) -> Option<Found> {
        let n = self.len;
        let full = 1u32 << (n - 1);
        let mut last = [NONE; MAX_LEN];
        let mut last_col = [0i32; MAX_LEN];
        let mut reach = [NONE; MAX_LEN];
        let mut best = NONE;
        // How many of the term's characters have been seen in order: no alignment of the first
        // `i + 1` can end before the `i + 1`th is seen (Skim starts each row there).
        let mut seen = 0;
        // The term's prefixes that end here as a run (bit `i`: the first `i + 1` characters).
        let mut run = 0u32;
        let mut col = 0i32;
        let mut before = 0;
        for &b in hay {
            let kind = KIND[usize::from(b)];
            if kind == 6 {
                continue;
            }
            col += 1;
            let at = if b < 128 {
                self.positions[usize::from(b)]
            } else {
                0
            };
            if at == 0 {
                before = kind;
                run = 0;
                continue;
            }
            run = ((run << 1) | 1) & at;
            if stop_at_run && run & full != 0 {
                return Some(Found::Run);
            }
            let mut place = bonus(before, kind);
            if col == 1 {
                place *= 2;
            }
            before = kind;
            if seen < n && at & (1 << seen) != 0 {
                seen += 1;
            }
            let mut rows = at & ((1u32 << seen) - 1);
            // From the last row down, so that each reads the row above as it was at `col - 1`.
            while rows != 0 {
                let i = 31 - rows.leading_zeros() as usize;
                rows &= !(1 << i);
                let (follow, jump) = if i == 0 {
                    (NONE, place - 1)
                } else {
                    let follow = if last_col[i - 1] + 1 == col {
                        last[i - 1]
                    } else {
                        NONE
                    };
                    let mut r = reach[i - 1];
                    if last_col[i - 1] + 2 <= col && last[i - 1] > NONE {
                        r = r.max(last[i - 1] + last_col[i - 1]);
                    }
                    let jump = if r > NONE { r - col - 2 } else { NONE };
                    (follow + place.max(4), jump + place)
                };
                let score = 16 + follow.max(jump);
                if last[i] > NONE {
                    reach[i] = reach[i].max(last[i] + last_col[i]);
                }
                last[i] = score;
                last_col[i] = col;
                if i == n - 1 {
                    best = best.max(score);
                    if best >= enough {
                        return Some(Found::Scattered(best));
                    }
                }
            }
        }
        (seen == n).then_some(Found::Scattered(best))
    }
}

/// Calls `each` with every byte of `hay` that starts a word as Skim sees it (a bonus of 7 or
/// more): the first character, and any after a separator or punctuation (the first byte of a
/// multi-byte character). The plain statement of what the index works out without a branch.
#[cfg(test)]
pub fn word_starts(hay: &[u8], mut each: impl FnMut(u8)) {
    let mut start = true;
    for &b in hay {
        let (char, starts_next) = word_start(b);
        if char && start {
            each(b);
        }
        start = if char { starts_next } else { start };
    }
}

/// Whether byte `b` is a character of its own (not the continuation of one), and whether the
/// character after it starts a word (as Skim sees it: a bonus of 7 or more, after a separator
/// or punctuation; the text's first character starts one too).
#[inline]
pub fn word_start(b: u8) -> (bool, bool) {
    let kind = KIND[usize::from(b)];
    (kind != 6, kind <= 2)
}

/// Which of a term's characters must start words of a text (see [`word_start`]) for a
/// scattered match to reach [`floor`](super::floor) there, when the text does not begin with
/// the term's first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MustStartWords {
    /// Nothing is known.
    Nothing,
    /// At least one of the term's characters.
    One,
    /// The first character, and at least one other.
    FirstAndAnother,
}

impl MustStartWords {
    /// What a scattered match of `needle` needs, worked out from Skim's scoring.
    ///
    /// Split a scattered alignment of a term of `m` letters and digits into its `k ≥ 2` pieces
    /// (runs of the text). Over the floor's 18 a character, a character following the one before
    /// it gains 2 (16 + 4); a piece's first character gains its word-start bonus less 2 and
    /// loses 1 for the first piece, 3 and one a character skipped for the others (at least
    /// `k - 1` skipped); and the floor wants 6 more. So the word-start bonuses of the pieces'
    /// first characters must add up to at least `8k + 3 - 2m`. A bonus is at most 8 (16 only at
    /// the text's first character): with `m ≤ 5` every piece must start a word; with `m ≤ 9`
    /// at least one must (`19 - 2m > 0` for `k = 2`). A character other than a letter or digit
    /// can start a word in the middle of a piece, and is left out.
    pub fn of(needle: &str) -> Self {
        let m = needle.chars().count();
        if !needle.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Self::Nothing
        } else if m <= 5 {
            Self::FirstAndAnother
        } else if m <= 9 {
            Self::One
        } else {
            Self::Nothing
        }
    }
}

/// Skim's score and positions of `needle` in `hay` (both lowercased), with a matrix of its own so
/// that no earlier text can change the result.
pub fn skim(hay: &str, needle: &str) -> Option<(i32, Vec<usize>)> {
    SkimMatcherV2::default()
        .ignore_case()
        .fuzzy_indices(hay, needle)
        .map(|(score, at)| (i32::try_from(score).unwrap_or(i32::MAX), at))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn replica(hay: &str, needle: &str) -> Option<i32> {
        Pattern::new(needle).expect("ASCII").score(hay.as_bytes())
    }

    #[test]
    fn scores_as_skim_does() {
        for (hay, needle) in [
            ("gpu support", "gpu"),
            ("everything related to supporting gpus", "gpu"),
            ("console general availability", "console"),
            ("[wg-gpu](../wg-gpu)", "gpu"),
            ("pricing stability", "pricstab"),
            ("aaa", "aa"),
            ("a-b c/d_e", "bd"),
            ("über 9lives", "9l"),
            ("x", "xy"),
        ] {
            let skim = skim(hay, needle).map(|(s, _)| s);
            assert_eq!(replica(hay, needle), skim, "{needle:?} in {hay:?}");
        }
    }

    #[test]
    fn words_start_where_skim_gives_a_bonus() {
        let mut starts = Vec::new();
        word_starts("gpu sup-port (wg)é-x".as_bytes(), |b| starts.push(b));
        assert_eq!(starts, b"gsp(w\xC3x", "é by its first byte");
    }

    #[test]
    fn finds_a_run_first_and_stops_at_enough() {
        let p = Pattern::new("gpu").expect("ASCII");
        assert_eq!(p.find(b"the gpu", i32::MAX), Some(Found::Run));
        let skim = skim("g p u", "gpu").map(|(s, _)| s).expect("a match");
        assert_eq!(p.find(b"g p u", i32::MAX), Some(Found::Scattered(skim)));
        assert_eq!(
            p.find(b"g p u", 0),
            Some(Found::Scattered(skim)),
            "the first is enough"
        );
        assert_eq!(p.find(b"gp", 0), None);
        assert!(Pattern::new("é").is_none());
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[aabbc 1.:/(_\\-é\tZ]{0,40}").expect("a regex")
    }

    /// Words of a few letters, many of them starting alike, between separators.
    fn words() -> impl Strategy<Value = String> {
        proptest::string::string_regex("([a-e0-9]{1,4}[ .\\-/]{0,2}){0,12}").expect("a regex")
    }

    fn needle() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[abc 1.\\-]{1,6}").expect("a regex")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Where the words a scattered match needs are not there, no scattered match reaches the
        /// floor.
        #[test]
        fn the_word_starts_a_match_needs(hay in words(), needle in "[a-e0-9]{2,10}") {
            let p = Pattern::new(&needle).expect("ASCII");
            let Some(Found::Scattered(score)) = p.find(hay.as_bytes(), i32::MAX) else {
                return Ok(());
            };
            let mut starts = Vec::new();
            word_starts(hay.as_bytes(), |b| starts.push(b));
            let first = needle.as_bytes()[0];
            let holds = hay.as_bytes().first() == Some(&first)
                || match MustStartWords::of(&needle) {
                    MustStartWords::Nothing => true,
                    MustStartWords::One => needle.bytes().any(|b| starts.contains(&b)),
                    MustStartWords::FirstAndAnother => {
                        starts.contains(&first) && needle.bytes().skip(1).any(|b| starts.contains(&b))
                    }
                };
            prop_assert!(holds || score < crate::search::floor(&needle), "{} scores {}", hay, score);
        }

        #[test]
        fn the_replica_is_skim(hay in text(), needle in needle()) {
            let hay = hay.to_ascii_lowercase();
            prop_assert_eq!(replica(&hay, &needle), skim(&hay, &needle).map(|(s, _)| s));
        }
    }
}
