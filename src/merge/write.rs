//! Writing the merge: the text between tables as the line merge left it, each merged table's
//! rows, and the same with conflict markers.

use std::ops::Range;

use crate::markdown::{self, Document, Table};

use super::align::Aligned;
use super::matching::View;
use super::prose::{self, Region};
use super::rows::{Line, Pending, Plan};
use super::{Changes, Conflict, Merge, MergedRow, MergedTable, ProseConflict};

/// The merged document of three versions whose tables `aligned` are merged as `plans` say.
pub fn document(
    versions: [&Document; 3],
    aligned: &[Aligned],
    plans: &[Plan],
    marker_size: usize,
) -> Merge {
    let gaps = gaps(versions, aligned);
    let merged: Vec<Vec<Region>> = gaps
        .iter()
        .map(|g| {
            let [b, o, t] = std::array::from_fn(|k| &versions[k].text[g[k].clone()]);
            prose::merge(b, o, t)
        })
        .collect();
    let conflicted = plans.iter().any(Plan::has_conflicts)
        || merged
            .iter()
            .flatten()
            .any(|r| matches!(r, Region::Conflict { .. }));
    let ours = versions[1];
    let markers = Markers {
        size: marker_size,
        eol: ours.eol,
    };
    let mut out = Out {
        text: String::with_capacity(ours.text.len() + ours.text.len() / 64),
        marked: conflicted.then(|| String::with_capacity(ours.text.len() + ours.text.len() / 64)),
        ..Out::default()
    };
    for (i, regions) in merged.into_iter().enumerate() {
        let gap_start = out.text.len();
        out.prose(regions, &markers);
        if out.text[gap_start..] != ours.text[gaps[i][1].clone()] {
            out.prose_changed = true;
        }
        let (Some(a), Some(plan)) = (aligned.get(i), plans.get(i)) else {
            continue;
        };
        out.bodies.push(out.text.len());
        let views: [View; 3] =
            std::array::from_fn(|k| View::new(versions[k], a.tables[k], a.roles.columns));
        let body = Body {
            ours,
            table: &ours.tables[a.tables[1]],
            views: &views,
            plan,
        };
        let at = out.text.len();
        out.merged.push(merged_rows(plan, out.rows.len()));
        for (row, offset, p) in body.text(&mut out.text) {
            out.rows.push((i, row, at + offset, p));
        }
        if let Some(marked) = &mut out.marked {
            body.marked(marked, &markers);
        }
    }
    out.finish(aligned, plans)
}

/// Per stretch between the merged tables (one more than there are), its range in each version.
fn gaps(versions: [&Document; 3], aligned: &[Aligned]) -> Vec<[Range<usize>; 3]> {
    (0..=aligned.len())
        .map(|i| {
            std::array::from_fn(|k| {
                let doc = versions[k];
                let start = i
                    .checked_sub(1)
                    .map_or(0, |p| doc.tables[aligned[p].tables[k]].body.end);
                let end = aligned
                    .get(i)
                    .map_or(doc.text.len(), |a| doc.tables[a.tables[k]].body.start);
                start..end
            })
        })
        .collect()
}

/// The merge as it is written.
#[derive(Default)]
struct Out {
    text: String,
    /// The text with markers, written only when something conflicts.
    marked: Option<String>,
    /// The conflicts of rows: (merged table, row in the text, offset of its line, conflict).
    rows: Vec<(usize, Option<usize>, usize, Pending)>,
    /// The conflicts of prose: offset in the text, base, ours and theirs.
    prose: Vec<(usize, [String; 3])>,
    /// Where each merged table's rows start in the text.
    bodies: Vec<usize>,
    /// Whether the text between the tables is not ours'.
    prose_changed: bool,
    /// Each merged table's rows: where they come from, their conflicts.
    merged: Vec<Vec<MergedRow>>,
}

impl Out {
    fn prose(&mut self, regions: Vec<Region>, markers: &Markers) {
        for region in regions {
            match region {
                Region::Clean(clean) => {
                    self.text.push_str(&clean);
                    if let Some(marked) = &mut self.marked {
                        marked.push_str(&clean);
                    }
                }
                Region::Conflict { base, ours, theirs } => {
                    self.text.push_str(&ours);
                    if let Some(marked) = &mut self.marked {
                        markers.block(marked, &[&ours], &[&theirs], markers.eol);
                    }
                    self.prose
                        .push((self.text.len() - ours.len(), [base, ours, theirs]));
                }
            }
        }
    }

    fn finish(self, aligned: &[Aligned], plans: &[Plan]) -> Merge {
        let lines = line_numbers(
            &self.text,
            self.rows
                .iter()
                .map(|p| p.2)
                .chain(self.prose.iter().map(|p| p.0)),
        );
        let tables = table_numbers(
            &self.text,
            aligned,
            &self.bodies,
            !self.prose_changed || self.rows.is_empty(),
        );
        let conflicts: Vec<Conflict> = self
            .rows
            .into_iter()
            .zip(&lines)
            .map(|((i, row, _, p), &line)| Conflict {
                table: tables[i],
                row,
                line,
                title: p.title,
                field: p.field,
                base: p.base,
                ours: p.ours,
                theirs: p.theirs,
            })
            .collect();
        let prose = self
            .prose
            .into_iter()
            .zip(&lines[conflicts.len()..])
            .map(|((_, [base, ours, theirs]), &line)| ProseConflict {
                line,
                base,
                ours,
                theirs,
            })
            .collect();
        let mut theirs = plans.iter().fold(Changes::default(), |mut sum, p| {
            sum.added += p.changes.added;
            sum.deleted += p.changes.deleted;
            sum.edited += p.changes.edited;
            sum.moved += p.changes.moved;
            sum
        });
        theirs.prose = self.prose_changed;
        let marked = self.marked.unwrap_or_else(|| self.text.clone());
        let tables = self
            .merged
            .into_iter()
            .zip(aligned)
            .zip(&tables)
            .zip(plans)
            .map(|(((rows, a), &text), plan)| MergedTable {
                versions: a.tables,
                text,
                rows,
                theirs: plan.partner.clone(),
            })
            .collect();
        Merge {
            text: self.text,
            marked,
            conflicts,
            prose,
            theirs,
            tables,
        }
    }
}

/// The rows of a merged table in its order, their conflicts counted from `first` (the conflicts
/// of the tables before it), in the order [`Body::text`] finds them.
fn merged_rows(plan: &Plan, first: usize) -> Vec<MergedRow> {
    let mut next = first;
    plan.order
        .iter()
        .filter_map(|&s| {
            let slot = &plan.slots[s];
            let conflicts = next..next + slot.conflicts.len();
            next = conflicts.end;
            let keep = slot.text.is_some() || !slot.conflicts.is_empty();
            keep.then(|| MergedRow {
                origin: plan.origins[s],
                in_text: slot.text.is_some(),
                conflicts,
            })
        })
        .collect()
}

/// Conflict markers of one size, on lines ending as the document's do.
struct Markers {
    size: usize,
    eol: &'static str,
}

impl Markers {
    /// Writes the two sides of a conflict between markers, the closing one ended by `end`.
    fn block(&self, out: &mut String, ours: &[&str], theirs: &[&str], end: &str) {
        self.line(out, '<', " ours", self.eol);
        for part in ours {
            self.part(out, part);
        }
        self.line(out, '=', "", self.eol);
        for part in theirs {
            self.part(out, part);
        }
        self.line(out, '>', " theirs", end);
    }

    fn line(&self, out: &mut String, c: char, label: &str, end: &str) {
        if !out.is_empty() && !out.ends_with(['\n', '\r']) {
            out.push_str(self.eol);
        }
        out.extend(std::iter::repeat_n(c, self.size));
        out.push_str(label);
        out.push_str(end);
    }

    fn part(&self, out: &mut String, part: &str) {
        out.push_str(part);
        if !part.is_empty() && !part.ends_with(['\n', '\r']) {
            out.push_str(self.eol);
        }
    }
}

/// The rows of one merged table, in place of ours' rows.
struct Body<'a> {
    ours: &'a Document,
    table: &'a Table,
    views: &'a [View<'a>; 3],
    plan: &'a Plan,
}

impl<'a> Body<'a> {
    fn line(&self, line: &'a Line) -> &'a str {
        match line {
            Line::Ours(r) => self.views[1].line(*r),
            Line::Theirs(r) => self.views[2].line(*r),
            Line::Patched(s) => s,
        }
    }

    /// The line terminators of ours' rows belong to their positions, as when a board writes
    /// the table: (whether the rows start on a line of their own first, the terminator of
    /// position k of n).
    fn terminators(&self) -> (bool, impl Fn(usize, usize) -> &'a str + use<'a>) {
        let (t, text, eol) = (self.table, self.ours.text.as_str(), self.ours.eol);
        let unterminated = t.rows.is_empty() && !text[..t.body.start].ends_with(['\n', '\r']);
        let last = t
            .rows
            .last()
            .map_or(if unterminated { "" } else { eol }, |r| {
                &text[r.term.clone()]
            });
        let term = move |k: usize, n: usize| {
            if k + 1 == n {
                last
            } else if k + 1 < t.rows.len() {
                &text[t.rows[k].term.clone()]
            } else {
                eol
            }
        };
        (unterminated, term)
    }

    /// Writes the rows of the merged text; returns each conflict with its row's index and the
    /// offset of its line from the start of the rows.
    fn text(&self, out: &mut String) -> Vec<(Option<usize>, usize, Pending)> {
        let start = out.len();
        let slots = &self.plan.slots;
        let n = self
            .plan
            .order
            .iter()
            .filter(|&&s| slots[s].text.is_some())
            .count();
        let (unterminated, term) = self.terminators();
        if unterminated && n > 0 {
            out.push_str(self.ours.eol);
        }
        let mut found = Vec::new();
        let mut k = 0;
        for &s in &self.plan.order {
            let slot = &slots[s];
            let row = slot.text.as_ref().map(|_| k);
            for p in &slot.conflicts {
                found.push((row, out.len() - start, p.clone()));
            }
            if let Some(line) = &slot.text {
                out.push_str(self.line(line));
                out.push_str(term(k, n));
                k += 1;
            }
        }
        found
    }

    /// Writes the rows with each run of conflicting rows between markers.
    fn marked(&self, out: &mut String, markers: &Markers) {
        let slots = &self.plan.slots;
        let order = &self.plan.order;
        let n = order.iter().filter(|&&s| slots[s].text.is_some()).count();
        let (unterminated, term) = self.terminators();
        if unterminated && !order.is_empty() {
            out.push_str(self.ours.eol);
        }
        let mut k = 0;
        let mut i = 0;
        while i < order.len() {
            let slot = &slots[order[i]];
            let Some(_) = &slot.sides else {
                if let Some(line) = &slot.text {
                    out.push_str(self.line(line));
                    let end = term(k, n);
                    out.push_str(if end.is_empty() && i + 1 < order.len() {
                        markers.eol
                    } else {
                        end
                    });
                    k += 1;
                }
                i += 1;
                continue;
            };
            let run = order[i..]
                .iter()
                .take_while(|&&s| slots[s].sides.is_some())
                .count();
            let mut sides: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
            for &s in &order[i..i + run] {
                let slot = &slots[s];
                if slot.text.is_some() {
                    k += 1;
                }
                if let Some(both) = &slot.sides {
                    for (side, line) in sides.iter_mut().zip(both) {
                        if let Some(line) = line {
                            side.push(self.line(line));
                        }
                    }
                }
            }
            i += run;
            let end = if i == order.len() {
                term(n.saturating_sub(1), n.max(1))
            } else {
                markers.eol
            };
            markers.block(out, &sides[0], &sides[1], end);
        }
    }
}

/// The 1-based lines of byte offsets of `text` (a line ends at LF, CR LF or a lone CR).
fn line_numbers(text: &str, offsets: impl Iterator<Item = usize>) -> Vec<usize> {
    let offsets: Vec<usize> = offsets.collect();
    let mut sorted: Vec<(usize, usize)> = offsets
        .iter()
        .copied()
        .enumerate()
        .map(|(i, o)| (o, i))
        .collect();
    sorted.sort_unstable();
    let bytes = text.as_bytes();
    let mut lines = vec![0; offsets.len()];
    let (mut line, mut pos) = (1, 0);
    for (offset, i) in sorted {
        for at in memchr::memchr2_iter(b'\n', b'\r', &bytes[pos..offset]) {
            let at = pos + at;
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                line += 1;
            }
        }
        pos = offset;
        lines[i] = line;
    }
    lines
}

/// The index of each merged table among the tables of the merged text: ours' own when the text
/// between tables is ours', else as the text reads again.
fn table_numbers(text: &str, aligned: &[Aligned], bodies: &[usize], as_ours: bool) -> Vec<usize> {
    let ours: Vec<usize> = aligned.iter().map(|a| a.tables[1]).collect();
    if as_ours {
        return ours;
    }
    let Ok(doc) = markdown::parse(text) else {
        return ours;
    };
    bodies
        .iter()
        .zip(&ours)
        .map(|(&at, &fallback)| {
            doc.tables
                .iter()
                .position(|t| t.body.start == at)
                .unwrap_or(fallback)
        })
        .collect()
}
