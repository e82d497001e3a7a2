//! Ages and dates as a card shows them: short, and in one unit each.

const DAY: i64 = 24 * 60 * 60;

/// Whole days in `seconds` (none for a time in the future: clocks disagree).
pub fn days(seconds: i64) -> i64 {
    seconds.max(0) / DAY
}

/// A time in a state, in at most four characters: days up to two weeks (`0d`, `13d`), weeks
/// below two months (`2w` to `8w`), months of 30 days below two years (`2mo` to `24mo`),
/// then years (`2y`). Each unit is counted down (`20d` is `2w`).
pub fn age(seconds: i64) -> String {
    let d = days(seconds);
    match d {
        0..14 => format!("{d}d"),
        14..60 => format!("{}w", d / 7),
        60..730 => format!("{}mo", d / 30),
        _ => format!("{}y", d / 365),
    }
}

/// The day of an RFC 3339 date (`2024-03-01T10:00:00+01:00` is `2024-03-01`).
pub fn short_date(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_each_counted_down() {
        let cases = [
            (0, "0d"),
            (DAY - 1, "0d"),
            (DAY, "1d"),
            (13 * DAY, "13d"),
            (14 * DAY, "2w"),
            (20 * DAY, "2w"),
            (59 * DAY, "8w"),
            (60 * DAY, "2mo"),
            (312 * DAY, "10mo"),
            (729 * DAY, "24mo"),
            (730 * DAY, "2y"),
            (3660 * DAY, "10y"),
            (-5 * DAY, "0d"),
        ];
        for (seconds, shown) in cases {
            assert_eq!(age(seconds), shown, "{seconds}");
        }
        assert_eq!(short_date("2024-03-01T10:00:00+01:00"), "2024-03-01");
        assert_eq!(short_date("x"), "x");
    }
}
