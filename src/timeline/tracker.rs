//! Following the rows of a document from one version to the next.

use crate::board::{Choice, Layout, layout};
use crate::markdown::{self, Document};
use crate::merge::versions::{self, Version};

use super::{Mark, Timeline};

/// The rows of a document followed through its versions, one version at a time.
#[derive(Debug, Clone)]
pub struct Tracker {
    /// The columns the versions are read with (as the board reads its document).
    choice: Choice,
    last: Option<Last>,
}

/// The last version read and its rows' timelines.
#[derive(Debug, Clone)]
struct Last {
    doc: Document,
    layout: Layout,
    /// Per projects table of the layout, per row, its timeline.
    rows: Vec<Vec<Timeline>>,
}

impl Tracker {
    /// A tracker that has read no version yet.
    pub fn new(choice: Choice) -> Self {
        Self { choice, last: None }
    }

    /// A tracker that has read versions up to `text` already, whose rows have `rows` (table
    /// after table); `None` when `text` does not read as a document of as many rows.
    pub fn resume(choice: Choice, text: &str, rows: Vec<Timeline>) -> Option<Self> {
        let doc = markdown::parse(text).ok()?;
        let layout = layout::layout(&doc, &choice).ok()?;
        let mut rows = rows.into_iter();
        let mut per_table = Vec::with_capacity(layout.tables.len());
        for t in &layout.tables {
            let n = doc.tables[t.table].rows.len();
            let table: Vec<Timeline> = rows.by_ref().take(n).collect();
            if table.len() != n {
                return None;
            }
            per_table.push(table);
        }
        if rows.next().is_some() {
            return None;
        }
        Some(Self {
            choice,
            last: Some(Last {
                doc,
                layout,
                rows: per_table,
            }),
        })
    }

    /// The text of the last version read.
    pub fn text(&self) -> Option<&str> {
        self.last.as_ref().map(|l| l.doc.text.as_str())
    }

    /// Reads the next version, `text`, from the commit `mark` names (`None`: not committed):
    /// each row follows the row it is in the version before, and enters its state at `mark`
    /// when it was in another. A version that does not read as a board (half-merged, no
    /// projects table) is passed over: false.
    pub fn push(&mut self, text: &str, mark: Mark) -> bool {
        if self.text() == Some(text) {
            return true;
        }
        let Ok(doc) = markdown::parse(text) else {
            return false;
        };
        // Tables with the headers they had are read as they were: detecting a layout costs
        // more than parsing, and a version is mostly the one before with a cell changed.
        let layout = match &self.last {
            Some(last) if same_headers(&last.doc, &doc) => last.layout.clone(),
            _ => match layout::layout(&doc, &self.choice) {
                Ok(layout) => layout,
                Err(_) => return false,
            },
        };
        let sizes: Vec<usize> = layout
            .tables
            .iter()
            .map(|t| doc.tables[t.table].rows.len())
            .collect();
        let mut rows: Vec<Vec<Timeline>> = sizes
            .iter()
            .map(|&n| vec![Timeline::default(); n])
            .collect();
        // Rows whose line is the one they had: their state is too.
        let mut same: Vec<Vec<bool>> = sizes.iter().map(|&n| vec![false; n]).collect();
        if let Some(last) = &mut self.last {
            let pairs = versions::pair(
                Version::new(&last.doc, &last.layout),
                Version::new(&doc, &layout),
            );
            for pair in pairs {
                for (r, b) in pair.rows.to_base.iter().enumerate() {
                    if let Some(b) = *b {
                        rows[pair.new][r] = std::mem::take(&mut last.rows[pair.old][b]);
                        same[pair.new][r] = pair.rows.same[r];
                    }
                }
            }
        }
        for (k, t) in layout.tables.iter().enumerate() {
            for (r, timeline) in rows[k].iter_mut().enumerate() {
                if same[k][r] && !timeline.0.is_empty() {
                    continue;
                }
                timeline.enter(doc.cell(t.table, r, t.state), mark);
            }
        }
        self.last = Some(Last { doc, layout, rows });
        true
    }

    /// The timelines of the last version's rows, table after table (as a board counts them).
    pub fn into_rows(self) -> Vec<Timeline> {
        self.last
            .map(|l| l.rows.into_iter().flatten().collect())
            .unwrap_or_default()
    }
}

/// Whether two versions have the same tables, by their headers.
fn same_headers(a: &Document, b: &Document) -> bool {
    a.tables.len() == b.tables.len()
        && a.tables
            .iter()
            .zip(&b.tables)
            .all(|(x, y)| x.columns == y.columns)
}
