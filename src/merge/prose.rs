//! Line by line three-way merges, by diffy: of the text between tables, and of whole files that
//! cannot be read as documents.

use std::borrow::Cow;

use diffy::{ConflictStyle, IncompleteHunkStyle, MergeOptions};

/// A stretch of merged text: clean, or lines the two sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Region<'a> {
    Clean(Cow<'a, str>),
    Conflict {
        base: String,
        ours: String,
        theirs: String,
    },
}

/// Merges three versions of a text line by line.
pub fn merge<'a>(base: &'a str, ours: &'a str, theirs: &'a str) -> Vec<Region<'a>> {
    if ours == theirs || theirs == base {
        return vec![Region::Clean(Cow::Borrowed(ours))];
    }
    if ours == base {
        return vec![Region::Clean(Cow::Borrowed(theirs))];
    }
    // Markers longer than any run of marker characters the texts start a line with cannot be
    // mistaken for their lines: diffy's output then reads back unambiguously.
    let size = [base, ours, theirs]
        .iter()
        .map(|t| longest_marker_run(t))
        .max()
        .unwrap_or(0)
        .max(super::MARKER_SIZE)
        + 1;
    let merged = MergeOptions::new()
        .set_conflict_style(ConflictStyle::Diff3)
        .set_conflict_marker_length(size)
        .set_incomplete_hunk_style(IncompleteHunkStyle::Git)
        .merge(base, ours, theirs);
    match merged {
        Ok(clean) => vec![Region::Clean(Cow::Owned(clean))],
        Err(marked) => read_back(&marked, size, [base, ours, theirs]),
    }
}

/// Merges bytes line by line, conflicts between markers as `git merge-file` writes them: the
/// merged bytes, and whether anything conflicts.
pub fn merge_bytes(base: &[u8], ours: &[u8], theirs: &[u8], marker_size: usize) -> (Vec<u8>, bool) {
    let merged = MergeOptions::new()
        .set_conflict_style(ConflictStyle::Merge)
        .set_conflict_marker_length(marker_size)
        .set_incomplete_hunk_style(IncompleteHunkStyle::Git)
        .merge_bytes(base, ours, theirs);
    match merged {
        Ok(clean) => (clean, false),
        Err(marked) => (marked, true),
    }
}

/// The regions of diffy's diff3-style output whose markers are `size` long.
fn read_back<'a>(marked: &str, size: usize, versions: [&str; 3]) -> Vec<Region<'a>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Part {
        Clean,
        Ours,
        Base,
        Theirs,
    }
    let is = |line: &str, c: char, label: &str| {
        let body = line.trim_end_matches('\n');
        body.len() >= size
            && body.bytes().take(size).all(|b| b == c as u8)
            && &body[size..] == label
    };
    let mut regions = Vec::new();
    let (mut clean, mut base, mut ours, mut theirs) =
        (String::new(), String::new(), String::new(), String::new());
    let mut part = Part::Clean;
    for line in marked.split_inclusive('\n') {
        match part {
            Part::Clean if is(line, '<', " ours") => {
                if !clean.is_empty() {
                    regions.push(Region::Clean(Cow::Owned(std::mem::take(&mut clean))));
                }
                part = Part::Ours;
            }
            Part::Ours if is(line, '|', " original") => part = Part::Base,
            Part::Base if is(line, '=', "") => part = Part::Theirs,
            Part::Theirs if is(line, '>', " theirs") => {
                regions.push(Region::Conflict {
                    base: std::mem::take(&mut base),
                    ours: std::mem::take(&mut ours),
                    theirs: std::mem::take(&mut theirs),
                });
                part = Part::Clean;
            }
            Part::Clean => clean.push_str(line),
            Part::Ours => ours.push_str(line),
            Part::Base => base.push_str(line),
            Part::Theirs => theirs.push_str(line),
        }
    }
    if !clean.is_empty() {
        regions.push(Region::Clean(Cow::Owned(clean)));
    }
    // A version's last line without a line ending got one so that the marker after it starts a
    // line: it is not the version's.
    if let Some(Region::Conflict { base, ours, theirs }) = regions.last_mut() {
        for (part, version) in [base, ours, theirs].into_iter().zip(versions) {
            if !version.ends_with('\n') && part.ends_with('\n') {
                part.pop();
            }
        }
    }
    regions
}

/// The longest run of one marker character (`<`, `|`, `=`, `>`) that starts a line.
fn longest_marker_run(text: &str) -> usize {
    text.split('\n')
        .filter_map(|line| {
            let first = *line.as_bytes().first()?;
            matches!(first, b'<' | b'|' | b'=' | b'>')
                .then(|| line.bytes().take_while(|&b| b == first).count())
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn texts(regions: &[Region]) -> (String, Vec<(String, String, String)>) {
        let mut clean = String::new();
        let mut conflicts = Vec::new();
        for r in regions {
            match r {
                Region::Clean(t) => clean.push_str(t),
                Region::Conflict { base, ours, theirs } => {
                    clean.push_str(ours);
                    conflicts.push((base.clone(), ours.clone(), theirs.clone()));
                }
            }
        }
        (clean, conflicts)
    }

    #[test]
    fn changes_far_apart_merge() {
        let base = "a\nb\nc\nd\ne\n";
        let (text, conflicts) = texts(&merge(base, "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n"));
        assert_eq!(text, "A\nb\nc\nd\nE\n");
        assert!(conflicts.is_empty());
    }

    #[test]
    fn a_conflict_reads_back_with_each_side_even_with_marker_lines_in_the_text() {
        let base = "=======\nx\n<<<<<<<<< y\n";
        let (text, conflicts) = texts(&merge(
            base,
            "=======\nours\n<<<<<<<<< y\n",
            "=======\ntheirs\n<<<<<<<<< y\n",
        ));
        assert_eq!(text, "=======\nours\n<<<<<<<<< y\n");
        assert_eq!(
            conflicts,
            [("x\n".to_owned(), "ours\n".to_owned(), "theirs\n".to_owned())]
        );
    }

    #[test]
    fn a_last_line_without_an_ending_keeps_none() {
        let (text, conflicts) = texts(&merge("a\nb", "a\nours", "a\ntheirs"));
        assert_eq!(text, "a\nours");
        assert_eq!(
            conflicts,
            [("b".to_owned(), "ours".to_owned(), "theirs".to_owned())]
        );
    }

    #[test]
    fn bytes_merge_as_git_merge_file_writes() {
        let (out, conflicted) = merge_bytes(b"a\n\xff\n", b"a\nours\n", b"a\ntheirs\n", 3);
        assert!(conflicted);
        assert_eq!(out, b"a\n<<< ours\nours\n===\ntheirs\n>>> theirs\n");
    }
}
