//! Which row of one version is which row of another: by an unchanged line, then by the title,
//! the ID, a column of unique values, and last by position where most cells agree.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

use crate::markdown::{self, Document, Table};

use super::align::Roles;

/// How far past the last row paired by position a row is looked for: rows that are neither
/// moved nor edited beyond recognition stay close.
const POSITION_WINDOW: usize = 16;

/// One version of a table, read where it stands in its document.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub text: &'a str,
    pub table: &'a Table,
    pub columns: usize,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document, table: usize, columns: usize) -> Self {
        Self {
            text: &doc.text,
            table: &doc.tables[table],
            columns,
        }
    }

    pub fn len(&self) -> usize {
        self.table.rows.len()
    }

    /// The row as written, from its prefix to the end of its text (terminator excluded).
    pub fn line(&self, r: usize) -> &'a str {
        let row = &self.table.rows[r];
        &self.text[row.prefix.start..row.span.end]
    }

    /// The row's text from its first pipe or cell.
    pub fn span(&self, r: usize) -> &'a str {
        &self.text[self.table.rows[r].span.clone()]
    }

    /// The raw text of a cell, trimmed ("" when the row lacks it).
    pub fn cell(&self, r: usize, c: usize) -> &'a str {
        self.table
            .cell_range(self.text, r, c)
            .map_or("", |range| &self.text[range])
    }

    /// The raw cells of a row, one per column of the header.
    pub fn cells(&self, r: usize) -> Vec<&'a str> {
        (0..self.columns).map(|c| self.cell(r, c)).collect()
    }

    /// The row's title as read: link text, no markup.
    pub fn title(&self, r: usize, roles: &Roles) -> String {
        markdown::plain(self.cell(r, roles.title))
    }
}

/// A pairing of the rows of two versions of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Per row of the other version, its row in the base.
    pub to_base: Vec<Option<usize>>,
    /// Per row of the base, its row in the other version.
    pub from_base: Vec<Option<usize>>,
    /// Per row of the other version, whether its line is its base row's, byte for byte.
    pub same: Vec<bool>,
}

impl Matching {
    fn new(base: usize, side: usize) -> Self {
        Self {
            to_base: vec![None; side],
            from_base: vec![None; base],
            same: vec![false; side],
        }
    }

    fn pair(&mut self, b: usize, s: usize) {
        self.to_base[s] = Some(b);
        self.from_base[b] = Some(s);
    }
}

/// Pairs the rows of a side with those of the base, by the identities in order (see the
/// module documentation of [`merge`](super)).
pub fn to_base(base: &View, side: &View, roles: &Roles) -> Matching {
    between(base, roles, side, roles)
}

/// [`to_base`] for two versions whose columns may differ (a column added or moved between
/// them, as a file's history has): each side read with its own roles. A column of unique
/// values counts by its header: the base's column of the same header, when it has one.
pub fn between(base: &View, base_roles: &Roles, side: &View, roles: &Roles) -> Matching {
    let mut m = Matching::new(base.len(), side.len());
    in_place(base, side, &mut m);
    let open = |m: &Matching| {
        let b: Vec<usize> = (0..base.len())
            .filter(|&b| m.from_base[b].is_none())
            .collect();
        let s: Vec<usize> = (0..side.len())
            .filter(|&s| m.to_base[s].is_none())
            .collect();
        (b, s)
    };
    let (b, s) = open(&m);
    by_line(base, side, &b, &s, &mut m);
    let (b, s) = open(&m);
    if b.is_empty() || s.is_empty() {
        return m;
    }
    by_key(
        &b,
        &s,
        |r| Some(base.title(r, base_roles)),
        |r| Some(side.title(r, roles)),
        &mut m,
    );
    if let (Some(base_id), Some(id)) = (base_roles.id, roles.id) {
        let (b, s) = open(&m);
        by_key(
            &b,
            &s,
            |r| Some(base.cell(r, base_id)),
            |r| Some(side.cell(r, id)),
            &mut m,
        );
    }
    let same_columns = base_roles == roles && base.table.columns == side.table.columns;
    for c in 0..roles.columns {
        if c == roles.title || c == roles.state || Some(c) == roles.id {
            continue;
        }
        // The base's column of the same header (the same column when the headers are).
        let found = if same_columns {
            Some(c)
        } else {
            let mut named =
                (0..base_roles.columns).filter(|&k| header(base.table, k) == header(side.table, c));
            match (named.next(), named.next()) {
                (Some(k), None) => Some(k),
                _ => None,
            }
        };
        let Some(bc) = found.filter(|&k| {
            k != base_roles.title && k != base_roles.state && Some(k) != base_roles.id
        }) else {
            continue;
        };
        let (b, s) = open(&m);
        if b.is_empty() || s.is_empty() {
            return m;
        }
        if unique_column(base, bc) {
            by_key(
                &b,
                &s,
                |r| Some(base.cell(r, bc)),
                |r| Some(side.cell(r, c)),
                &mut m,
            );
        }
    }
    let (b, s) = open(&m);
    by_position(base, side, &b, &s, &mut m);
    m
}

/// The header of column `k` of a table, trimmed.
fn header(table: &Table, k: usize) -> Option<&str> {
    table.columns.get(k).map(|h| h.trim())
}

/// Pairs rows both sides added: by an unchanged line, the title, the ID. Returns (ours row,
/// theirs row) pairs.
pub fn added(
    ours: &View,
    ours_rows: &[usize],
    theirs: &View,
    theirs_rows: &[usize],
    roles: &Roles,
) -> Vec<(usize, usize)> {
    if ours_rows.is_empty() || theirs_rows.is_empty() {
        return Vec::new();
    }
    let mut m = Matching::new(ours.len(), theirs.len());
    by_line(ours, theirs, ours_rows, theirs_rows, &mut m);
    let open = |m: &Matching| {
        let o: Vec<usize> = ours_rows
            .iter()
            .copied()
            .filter(|&o| m.from_base[o].is_none())
            .collect();
        let t: Vec<usize> = theirs_rows
            .iter()
            .copied()
            .filter(|&t| m.to_base[t].is_none())
            .collect();
        (o, t)
    };
    let (o, t) = open(&m);
    by_key(
        &o,
        &t,
        |r| Some(ours.title(r, roles)),
        |r| Some(theirs.title(r, roles)),
        &mut m,
    );
    if let Some(id) = roles.id {
        let (o, t) = open(&m);
        by_key(
            &o,
            &t,
            |r| Some(ours.cell(r, id)),
            |r| Some(theirs.cell(r, id)),
            &mut m,
        );
    }
    theirs_rows
        .iter()
        .filter_map(|&t| m.to_base[t].map(|o| (o, t)))
        .collect()
}

/// Pairs the rows whose lines stand where they stood: the two tables are walked together,
/// and past a row that differs the walk goes on from the nearest pair of equal lines a few rows
/// ahead. Rows it passes over are left to the other ways of pairing.
fn in_place(base: &View, side: &View, m: &mut Matching) {
    const AHEAD: usize = 8;
    let same =
        |b: usize, s: usize| b < base.len() && s < side.len() && base.line(b) == side.line(s);
    let (mut b, mut s) = (0, 0);
    while b < base.len() && s < side.len() {
        if same(b, s) {
            m.pair(b, s);
            m.same[s] = true;
            b += 1;
            s += 1;
            continue;
        }
        let resync = (1..=AHEAD)
            .flat_map(|d| (0..=d).map(move |k| (k, d - k)))
            .find(|&(db, ds)| same(b + db, s + ds));
        let (db, ds) = resync.unwrap_or((1, 1));
        b += db;
        s += ds;
    }
}

/// Pairs rows of the same line: the n-th of a line among `left_rows` with the n-th of the same
/// line among `right_rows`.
fn by_line(left: &View, right: &View, left_rows: &[usize], right_rows: &[usize], m: &mut Matching) {
    // For each line, the first left row still unpaired; `next` chains the rows of one line.
    let mut first: FastMap<&str, usize> =
        HashMap::with_capacity_and_hasher(left_rows.len(), BuildHasherDefault::default());
    let mut next = vec![usize::MAX; left.len()];
    for &l in left_rows.iter().rev() {
        if let Some(old) = first.insert(left.line(l), l) {
            next[l] = old;
        }
    }
    for &r in right_rows {
        if let Some(slot) = first.get_mut(right.line(r))
            && *slot != usize::MAX
        {
            let l = *slot;
            *slot = next[l];
            m.pair(l, r);
            m.same[r] = true;
        }
    }
}

/// Pairs rows whose key is the same and unique among `left` and among `right`; an empty key
/// pairs nothing.
fn by_key<K: Hash + Eq + AsRef<str>>(
    left: &[usize],
    right: &[usize],
    left_key: impl Fn(usize) -> Option<K>,
    right_key: impl Fn(usize) -> Option<K>,
    m: &mut Matching,
) {
    if left.is_empty() || right.is_empty() {
        return;
    }
    let count = |rows: &[usize], key: &dyn Fn(usize) -> Option<K>| {
        let mut seen: FastMap<K, (usize, usize)> = FastMap::default();
        for &r in rows {
            if let Some(k) = key(r).filter(|k| !k.as_ref().is_empty()) {
                seen.entry(k).and_modify(|e| e.1 += 1).or_insert((r, 1));
            }
        }
        seen
    };
    let lefts = count(left, &left_key);
    let rights = count(right, &right_key);
    for (k, &(r, n)) in &rights {
        if n == 1
            && let Some(&(l, 1)) = lefts.get(k)
        {
            m.pair(l, r);
        }
    }
}

/// Whether the filled cells of column `c` of the table are all different.
fn unique_column(view: &View, c: usize) -> bool {
    let mut seen: HashSet<&str, BuildHasherDefault<Fx>> = HashSet::default();
    (0..view.len())
        .map(|r| view.cell(r, c))
        .filter(|v| !v.is_empty())
        .all(|v| seen.insert(v))
}

/// Pairs the rows left over in order, each with the first of the next few unpaired base rows
/// whose cells mostly agree with it.
fn by_position(base: &View, side: &View, b: &[usize], s: &[usize], m: &mut Matching) {
    let mut from = 0;
    for &r in s {
        let cells = side.cells(r);
        let found = b
            .iter()
            .enumerate()
            .skip(from)
            .take(POSITION_WINDOW)
            .find(|&(_, &l)| mostly_agree(&base.cells(l), &cells));
        if let Some((k, &l)) = found {
            m.pair(l, r);
            from = k + 1;
        }
    }
}

/// More than half of the cells are the same.
fn mostly_agree(a: &[&str], b: &[&str]) -> bool {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same * 2 > a.len().max(b.len())
}

/// A map with a fast hash: rows' lines are long and many, and come from the user's own files.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The hash of rustc (`FxHash`): a multiply and a rotate per word.
#[derive(Debug, Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
