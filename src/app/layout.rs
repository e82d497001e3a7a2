//! Geometry shared by `update` (which keeps the focus in view) and the view (which draws it), so
//! the two never disagree about what fits.

use ratatui::layout::Rect;
/// The narrowest a column is drawn (borders included): when every remaining column fits at this
/// width they all show (ten at 200 columns; the busy ones at 80 once empty ones collapse).
pub const MIN_COLUMN: u16 = 16;
/// The width a column gets when not all of them fit: fewer columns, readable titles.
pub const PREFERRED_COLUMN: u16 = 24;
/// The width of an empty column collapsed to a strip.
pub const STRIP: u16 = 2;
/// Below this the board says the terminal is too small instead of drawing.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// Rows above the columns (the title bar) and below them (status, and hints when there is room).
pub fn chrome(height: u16) -> (u16, u16) {
    (1, if height >= 12 { 2 } else { 1 })
}

/// Rows the columns get, borders included.
pub fn board_height(height: u16) -> u16 {
    let (top, bottom) = chrome(height);
    height.saturating_sub(top + bottom)
}

/// Whether cards show a description line: only when a column holds at least six of them.
pub fn show_description(height: u16) -> bool {
    board_height(height).saturating_sub(2) >= 24
}

/// Rows one card takes: title, label and group, the description when there is room, a gap.
pub fn card_height(height: u16) -> u16 {
    if show_description(height) { 4 } else { 3 }
}

/// How many cards a column shows at once; on a `grouped` board the first row of a column is
/// the divider of the group of its first card.
pub fn cards_per_page(height: u16, grouped: bool) -> usize {
    let rows = board_height(height).saturating_sub(2 + u16::from(grouped));
    usize::from((rows / card_height(height)).max(1))
}

/// Where the columns are drawn in a `width` x `height` terminal: below the title bar, above the
/// status and hints.
pub fn board_area(width: u16, height: u16) -> Rect {
    let (top, _) = chrome(height);
    Rect::new(0, top, width, board_height(height))
}

/// The columns visible from `offset` and the rectangle each is drawn in, left to right, within
/// `area` (see [`fit`]).
pub fn column_rects(shapes: &[Shape], offset: usize, area: Rect) -> Vec<(usize, Rect)> {
    let mut x = area.x;
    fit(shapes, offset, area.width)
        .into_iter()
        .map(|(col, width)| {
            let rect = Rect::new(x, area.y, width, area.height);
            x += width;
            (col, rect)
        })
        .collect()
}

/// The rows of the `k`th card shown inside a column's borders (`inner`), gap included, in a
/// terminal `height` rows high; `None` past the bottom. On a `grouped` board the first row is a
/// divider.
pub fn card_slot(inner: Rect, grouped: bool, k: usize, height: u16) -> Option<Rect> {
    let card = card_height(height);
    let top = inner.y + u16::from(grouped);
    let y = u16::try_from(k)
        .ok()
        .and_then(|k| k.checked_mul(card))
        .and_then(|dy| top.checked_add(dy))
        .filter(|&y| y < inner.bottom())?;
    Some(Rect::new(
        inner.x,
        y,
        inner.width,
        card.min(inner.bottom() - y),
    ))
}

/// The rows of a card slot its text takes: all but the gap below it (one row at least).
pub fn card_text(slot: Rect) -> Rect {
    Rect {
        height: slot.height.saturating_sub(1).max(1),
        ..slot
    }
}

/// How a column is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// With its cards.
    Wide,
    /// An empty column collapsed to a strip.
    Strip,
    /// Not at all.
    Hidden,
}

/// The columns visible from `offset` in `width`, with their widths: collapsed strips are
/// narrow, hidden columns absent; the others all at least `MIN_COLUMN` when that shows every
/// column, else at least `PREFERRED_COLUMN`; they share what is left so they fill the width.
pub fn fit(shapes: &[Shape], offset: usize, width: u16) -> Vec<(usize, u16)> {
    let narrow = |s: Shape| match s {
        Shape::Wide => MIN_COLUMN,
        Shape::Strip => STRIP,
        Shape::Hidden => 0,
    };
    // Decided for the whole board, not from `offset`, so that columns keep their width while
    // the board scrolls sideways.
    let all: u32 = shapes.iter().map(|&s| u32::from(narrow(s))).sum();
    let wide = if all <= u32::from(width) {
        MIN_COLUMN
    } else {
        PREFERRED_COLUMN
    };
    let mut out: Vec<(usize, u16)> = Vec::new();
    let mut used: u16 = 0;
    for (i, &shape) in shapes.iter().enumerate().skip(offset) {
        let w = match shape {
            Shape::Hidden => continue,
            Shape::Strip => STRIP,
            Shape::Wide => wide,
        };
        if used + w > width {
            break;
        }
        used += w;
        out.push((i, w));
    }
    if out.is_empty() {
        if let Some(first) = (offset..shapes.len()).find(|&c| shapes[c] != Shape::Hidden) {
            out.push((first, width));
        }
        return out;
    }
    let wide: Vec<usize> = (0..out.len())
        .filter(|&k| shapes[out[k].0] == Shape::Wide)
        .collect();
    let spare = width - used;
    if wide.is_empty() {
        return out;
    }
    let n = u16::try_from(wide.len()).unwrap_or(u16::MAX);
    for (j, &k) in wide.iter().enumerate() {
        let j = u16::try_from(j).unwrap_or(u16::MAX);
        out[k].1 += spare / n + u16::from(j < spare % n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Shape = Shape::Wide;
    const S: Shape = Shape::Strip;
    const H: Shape = Shape::Hidden;

    #[test]
    fn ten_columns_fit_in_two_hundred() {
        let cols = fit(&[W; 10], 0, 200);
        assert_eq!(cols.len(), 10);
        assert_eq!(cols.iter().map(|c| c.1).sum::<u16>(), 200);
    }

    #[test]
    fn four_busy_columns_fill_eighty_when_empty_ones_collapse() {
        let mut shapes = [S; 10];
        for i in [0, 1, 2, 5] {
            shapes[i] = W;
        }
        let cols = fit(&shapes, 0, 80);
        assert_eq!(cols.len(), 10);
        assert!(
            cols.iter()
                .filter(|c| shapes[c.0] == W)
                .all(|c| c.1 >= MIN_COLUMN)
        );
        assert_eq!(cols.iter().map(|c| c.1).sum::<u16>(), 80);
    }

    #[test]
    fn when_not_all_fit_fewer_wider_columns_show() {
        let cols = fit(&[W; 10], 0, 80);
        assert_eq!(cols.len(), 3);
        assert!(cols.iter().all(|c| c.1 >= PREFERRED_COLUMN));
        assert_eq!(fit(&[W; 10], 0, 120).len(), 5);
    }

    #[test]
    fn hidden_columns_take_no_room() {
        let mut shapes = [W; 10];
        for i in [1, 3, 4, 6, 7] {
            shapes[i] = H;
        }
        let cols = fit(&shapes, 0, 80);
        assert_eq!(
            cols.iter().map(|c| c.0).collect::<Vec<_>>(),
            [0, 2, 5, 8, 9]
        );
        assert_eq!(cols.iter().map(|c| c.1).sum::<u16>(), 80);
        // From a hidden offset, the next column shown.
        assert_eq!(fit(&[W, H, W], 1, 10), [(2, 10)]);
    }

    #[test]
    fn a_column_too_wide_for_the_screen_still_shows() {
        assert_eq!(fit(&[W, W], 1, 10), [(1, 10)]);
        assert_eq!(fit(&[W], 1, 10), []);
    }

    #[test]
    fn pages_shrink_with_the_terminal() {
        assert_eq!(cards_per_page(24, false), 6);
        assert_eq!(cards_per_page(24, true), 6);
        assert_eq!(cards_per_page(50, false), 11);
        assert_eq!(cards_per_page(3, false), 1);
    }
}
