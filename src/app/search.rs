//! Searching on the board: the search line, the filter it keeps, and jumping between matches.

use ratatui_textarea::TextArea;

use super::{App, Effect, Mode};
use crate::action::Action;
use crate::board::CardId;
use crate::search::{Filtered, Query, SearchIndex};

/// The search line and what it filters.
#[derive(Debug, Clone)]
pub struct Search {
    /// The query as typed.
    pub input: Box<TextArea<'static>>,
    /// The last query typed that could be read; `None` while the line is empty.
    pub query: Option<Query>,
    /// Why the query as typed cannot be read (an unknown field, say).
    pub error: Option<String>,
    pub filtered: Option<Filtered>,
    /// Cards changed while the filter was in force: they stay shown until the query changes.
    pub pinned: Vec<CardId>,
    /// The matches best first (board indices), for Enter, `n` and `N`: worked out when first
    /// asked for after the matches changed.
    pub ranked: Option<Vec<usize>>,
}

impl App {
    /// A key bound in the search line (the others type).
    pub(super) fn on_search(&mut self, action: Action) -> Option<Effect> {
        match action {
            // A query that cannot be read stays open, its error shown, rather than leaving an
            // older filter in force behind a line that says otherwise.
            Action::Submit if self.search.as_ref().is_some_and(|s| s.error.is_some()) => {
                self.mode = Mode::Search;
            }
            Action::Submit => {
                if self.search.as_ref().is_some_and(|s| s.query.is_none()) {
                    self.clear_search();
                } else {
                    self.focus_best();
                }
            }
            Action::Cancel => self.clear_search(),
            _ => self.mode = Mode::Search,
        }
        None
    }

    /// True when a search filter is in force.
    pub fn filtering(&self) -> bool {
        self.view.is_some()
    }

    /// What each column shows under the filter in force: its matching cards and the cards
    /// changed since the query was typed, in board order.
    pub(super) fn refresh_view(&mut self) {
        let Some(filtered) = self.search.as_ref().and_then(|s| s.filtered.as_ref()) else {
            self.view = None;
            self.arrange();
            return;
        };
        let board = &self.stored.board;
        let pinned: Vec<usize> = self
            .search
            .iter()
            .flat_map(|s| &s.pinned)
            .filter_map(|&id| board.index_of(id))
            .collect();
        // The few pinned cards are looked up in each column, not each card among the pinned.
        let view =
            self.columns
                .iter()
                .map(|c| {
                    let mut shown = filtered.within(&c.cards);
                    let before = shown.len();
                    shown.extend(
                        pinned.iter().copied().filter(|&i| {
                            !filtered.contains(i) && c.cards.binary_search(&i).is_ok()
                        }),
                    );
                    if shown.len() > before {
                        shown.sort_unstable();
                        shown.dedup();
                    }
                    shown
                })
                .collect();
        self.view = Some(view);
        self.arrange();
    }

    /// The query typed in the search line changed: filter again, keeping the focus on its card
    /// while it matches, else on the first match of its column, else on the first of the board.
    pub(super) fn requery(&mut self) {
        let focused = self.focused_card_id();
        let headers = self.stored.board.field_names().to_vec();
        let Some(search) = &mut self.search else {
            return;
        };
        let text = search.input.lines().join(" ");
        if text.trim().is_empty() {
            search.query = None;
            search.error = None;
            search.filtered = None;
            search.pinned.clear();
            search.ranked = None;
        } else {
            match Query::parse(&text, &headers) {
                Err(e) => search.error = Some(e.to_string()),
                Ok(query) => {
                    search.error = None;
                    if search.query.as_ref() != Some(&query) {
                        search.pinned.clear();
                        search.ranked = None;
                        let index = self
                            .index
                            .get_or_insert_with(|| SearchIndex::build(&self.stored.board));
                        search.filtered = Some(index.filter(&query, search.filtered.as_ref()));
                        search.query = Some(query);
                    }
                }
            }
        }
        self.refresh_view();
        if focused.is_some_and(|id| self.focus_card(id)) {
            return;
        }
        if self.shown(self.focus.col).is_empty()
            && let Some(col) = (0..self.columns.len()).find(|&c| !self.shown(c).is_empty())
        {
            self.focus.col = col;
        }
        self.focus.row = 0;
    }

    /// Drops the filter.
    pub(super) fn clear_search(&mut self) {
        let focused = self.focused_card_id();
        self.search = None;
        self.view = None;
        self.arrange();
        if let Some(id) = focused {
            self.focus_card(id);
        }
    }

    /// The matches of the filter in force, best first: worked out once for each result, as
    /// Enter, `n` or `N` first asks.
    fn ranked(&mut self) -> &[usize] {
        let Some(search) = &mut self.search else {
            return &[];
        };
        if search.ranked.is_none() {
            let ranked = match (&search.filtered, &search.query, &self.index) {
                (Some(filtered), Some(query), Some(index)) => index.ranked(&filtered.cards, query),
                _ => Vec::new(),
            };
            search.ranked = Some(ranked);
        }
        search.ranked.as_deref().unwrap_or_default()
    }

    /// Puts the focus on the best match of the whole board, whatever its column.
    fn focus_best(&mut self) {
        match self.ranked().first().copied() {
            Some(best) => {
                let id = self.stored.board.cards[best].id;
                self.focus_card(id);
            }
            None => self.say("no matches"),
        }
    }

    /// Focuses the next (`1`) or previous (`-1`) match in rank order, wrapping around: from a
    /// card that is not a match, `n` goes to the best and `N` to the last.
    pub(super) fn jump_match(&mut self, delta: isize) {
        if !self.filtering() {
            self.say("no search in force (/ searches)");
            return;
        }
        let here = self.focused_index();
        let ranked = self.ranked();
        if ranked.is_empty() {
            self.say("no matches");
            return;
        }
        let n = ranked.len().cast_signed();
        let next = match here.and_then(|h| ranked.iter().position(|&i| i == h)) {
            Some(at) => (at.cast_signed() + delta).rem_euclid(n),
            None if delta > 0 => 0,
            None => n - 1,
        };
        let target = ranked[next.cast_unsigned()];
        let id = self.stored.board.cards[target].id;
        self.focus_card(id);
    }

    /// Work that makes the first search instant, done while no key is waiting: builds the
    /// search index (tens of milliseconds at 100,000 cards). Returns whether there was any.
    pub fn warm_up(&mut self) -> bool {
        if self.index.is_some() {
            return false;
        }
        self.index = Some(SearchIndex::build(&self.stored.board));
        true
    }
}
