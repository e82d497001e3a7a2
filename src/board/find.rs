//! Finding a card as a person names it on the command line.

use thiserror::Error;

use super::{Board, CardId};

/// Why a card name did not pick one card.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FindError {
    #[error("no card is named like that")]
    Unknown,
    #[error("more than one card matches: {}", .0.join(", "))]
    Ambiguous(Vec<String>),
}

impl Board {
    /// Finds a card as a person names it: `#N` is always the card of mdboard id N; else its
    /// exact title (any case); else its document ID (`CAP-0001`, any case) or its mdboard id
    /// (refused as ambiguous when the two name different cards); else a unique prefix of a
    /// title (any case). Section rows are not cards.
    pub fn find(&self, name: &str) -> Result<CardId, FindError> {
        let wanted = name.trim().to_lowercase();
        if let Some(n) = wanted.strip_prefix('#')
            && let Ok(id) = n.parse::<CardId>()
        {
            return self
                .card(id)
                .filter(|c| !self.is_section(c))
                .map(|c| c.id)
                .ok_or(FindError::Unknown);
        }
        let cards: Vec<(CardId, String)> = self
            .cards
            .iter()
            .filter(|c| !self.is_section(c))
            .map(|c| (c.id, self.title(c)))
            .collect();
        let exact: Vec<&(CardId, String)> = cards
            .iter()
            .filter(|(_, t)| t.to_lowercase() == wanted)
            .collect();
        match exact.as_slice() {
            [(id, _)] => return Ok(*id),
            [] => {}
            many => return Err(FindError::Ambiguous(candidates(many))),
        }
        let by_doc_id: Vec<(CardId, String)> = self
            .cards
            .iter()
            .filter(|c| !self.is_section(c))
            .filter_map(|c| {
                let doc_id = self.doc_id(c)?;
                (doc_id.to_lowercase() == wanted).then(|| (c.id, self.display_title(c)))
            })
            .collect();
        let by_board_id = wanted
            .parse::<CardId>()
            .ok()
            .and_then(|id| self.card(id))
            .filter(|c| !self.is_section(c));
        match (by_doc_id.as_slice(), by_board_id) {
            ([(id, _)], Some(card)) if *id != card.id => {
                return Err(FindError::Ambiguous(vec![
                    format!("\"{}\" (its ID)", by_doc_id[0].1),
                    format!(
                        "\"{}\" (mdboard id {}; #{} names it alone)",
                        self.title(card),
                        card.id,
                        card.id
                    ),
                ]));
            }
            ([(id, _)], _) => return Ok(*id),
            ([], Some(card)) => return Ok(card.id),
            ([], None) => {}
            (many, _) => {
                let refs: Vec<&(CardId, String)> = many.iter().collect();
                return Err(FindError::Ambiguous(candidates(&refs)));
            }
        }
        let prefixed: Vec<&(CardId, String)> = cards
            .iter()
            .filter(|(_, t)| t.to_lowercase().starts_with(&wanted))
            .collect();
        match prefixed.as_slice() {
            [(id, _)] => Ok(*id),
            [] => Err(FindError::Unknown),
            many => Err(FindError::Ambiguous(candidates(many))),
        }
    }
}

fn candidates(matches: &[&(CardId, String)]) -> Vec<String> {
    matches
        .iter()
        .map(|(id, t)| {
            let repeated = matches
                .iter()
                .filter(|(_, o)| o.eq_ignore_ascii_case(t))
                .count()
                > 1;
            if repeated {
                format!("\"{t}\" (id {id})")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect()
}
