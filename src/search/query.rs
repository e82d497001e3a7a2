//! The query language: terms, fields, `-` and `~`.

use thiserror::Error;

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
    /// A `~term`: its characters in order anywhere in a cell are enough, however scattered.
    pub loose: bool,
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

    /// The text the index looks for: `text` with ASCII letters lowercased.
    pub fn needle(&self) -> &str {
        &self.needle
    }

    /// What the term asks of the cheap test that finds the candidates (a card whose cells hold
    /// the term's characters in order, in a column it looks in): `None` when nothing.
    ///
    /// Every card a term matches holds its characters in order, so a positive term asks that of
    /// every candidate; a loose negated term leaves out exactly those; a strict negated one
    /// leaves out fewer, which only the strict test can tell.
    pub(super) fn candidate_test(&self) -> Option<(Option<usize>, bool, &str)> {
        (!self.is_empty() && (!self.negated || self.loose)).then_some((
            self.field,
            self.negated,
            self.needle.as_str(),
        ))
    }

    /// Whether the term needs more than the candidate test: a strict term of two characters or
    /// more (one character in order is a run), or a strict negated term.
    pub(super) fn needs_strict_test(&self) -> bool {
        !self.is_empty() && !self.loose && (self.negated || self.needle.chars().nth(1).is_some())
    }
}

/// True when every card the candidate test `new` lets through, `old` lets through too.
fn at_least_as_strict(
    new: Option<(Option<usize>, bool, &str)>,
    old: Option<(Option<usize>, bool, &str)>,
) -> bool {
    let (new, old) = match (new, old) {
        // No test restricts nothing.
        (_, None) => return true,
        (None, Some(_)) => return false,
        (Some(new), Some(old)) => (new, old),
    };
    if new.0 != old.0 || new.1 != old.1 {
        return false;
    }
    if new.1 {
        // Excluding the matches of a looser text excludes more.
        is_subsequence(old.2, new.2)
    } else {
        is_subsequence(new.2, old.2)
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
    /// A leading unquoted `-` negates a term; then a leading unquoted `~` makes it loose (so
    /// `-~x` leaves out every loose match of x). An unquoted `:` after a field name limits the
    /// term to that field: a header name, or a word or prefix of one that picks a single column
    /// (any case, `-` and `_` standing for spaces; quote it to use spaces: `"project name":gpu`);
    /// a `~` right after the colon is the same as one before the field (`label:~gpu` is
    /// `~label:gpu`). A term whose colon is quoted, or comes first, is plain text; so is a
    /// quoted `~`.
    pub fn parse(text: &str, headers: &[String]) -> Result<Self, QueryError> {
        let terms = split_terms(text)
            .into_iter()
            .map(|chars| {
                let mut chars = chars.as_slice();
                let negated = matches!(chars.first(), Some(('-', false)));
                if negated {
                    chars = &chars[1..];
                }
                let mut loose = matches!(chars.first(), Some(('~', false)));
                if loose {
                    chars = &chars[1..];
                }
                let colon = chars.iter().position(|&(c, quoted)| c == ':' && !quoted);
                let (field, mut body) = match colon {
                    Some(at) if at > 0 => {
                        let name: String = chars[..at].iter().map(|&(c, _)| c).collect();
                        (Some(resolve_field(&name, headers)?), &chars[at + 1..])
                    }
                    _ => (None, chars),
                };
                if field.is_some() && matches!(body.first(), Some(('~', false))) {
                    loose = true;
                    body = &body[1..];
                }
                let text: String = body.iter().map(|&(c, _)| c).collect();
                Ok(Term {
                    field,
                    negated,
                    loose,
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

    /// When every candidate of `self` is a candidate of `old` too (see
    /// [`Term::candidate_test`]): the terms whose candidate test a candidate of `old` must still
    /// pass. `None` when `self` may let through cards `old` did not.
    ///
    /// Terms are compared by position, which covers typing: extending the last term, adding a
    /// term, filling in a term that was empty.
    pub(super) fn narrowing<'a>(&'a self, old: &Query) -> Option<Vec<&'a Term>> {
        if self.terms.len() < old.terms.len() {
            return None;
        }
        let mut retest = Vec::new();
        for (i, term) in self.terms.iter().enumerate() {
            let new = term.candidate_test();
            let before = old.terms.get(i).and_then(Term::candidate_test);
            if !at_least_as_strict(new, before) {
                return None;
            }
            if new.is_some() && new != before {
                retest.push(term);
            }
        }
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
pub(super) fn is_subsequence(hay: &str, needle: &str) -> bool {
    let mut rest = hay;
    for c in needle.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}
