//! The date forms exports use, read into RFC 3339 (UTC):
//! ISO 8601 with or without offset (Graph, PowerShell 7, the Exchange admin API),
//! `/Date(ms)/` with an optional `±hhmm` (Windows PowerShell 5.1), and `Date(ms)` (ScubaGear
//! 1.3, which stripped the slashes).

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

pub fn to_rfc3339(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(ms) = microsoft_json_date(text) {
        return Timestamp::from_millisecond(ms).ok().map(|t| t.to_string());
    }
    if let Ok(timestamp) = text.parse::<Timestamp>() {
        return Some(timestamp.to_string());
    }
    // No offset (e.g. `2019-09-24T14:18:57.4237718`): read as UTC.
    let civil = text.parse::<DateTime>().ok()?;
    civil.to_zoned(TimeZone::UTC).ok().map(|zoned| zoned.timestamp().to_string())
}

/// Milliseconds since the Unix epoch in `/Date(1702651405273)/`, `/Date(1702651405273+0100)/`
/// or `Date(1702651405273)`. The offset only says how to display the instant, which is UTC.
fn microsoft_json_date(text: &str) -> Option<i64> {
    let inner = text.strip_prefix('/').unwrap_or(text);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let inner = inner.strip_prefix("Date(")?.strip_suffix(')')?;
    let digits_end = inner.char_indices().skip(1).find(|(_, c)| *c == '+' || *c == '-').map_or(inner.len(), |(i, _)| i);
    inner[..digits_end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        assert_eq!(to_rfc3339("2024-01-30T23:11:08.549481Z").as_deref(), Some("2024-01-30T23:11:08.549481Z"));
        assert_eq!(to_rfc3339("2026-07-23T21:52:39.0000000+00:00").as_deref(), Some("2026-07-23T21:52:39Z"));
        assert_eq!(to_rfc3339("2025-02-11T16:20:41.333+01:00").as_deref(), Some("2025-02-11T15:20:41.333Z"));
        assert_eq!(to_rfc3339("2019-09-24T14:18:57.4237718").as_deref(), Some("2019-09-24T14:18:57.4237718Z"));
        assert_eq!(to_rfc3339("/Date(1702651405273)/").as_deref(), Some("2023-12-15T14:43:25.273Z"));
        assert_eq!(to_rfc3339("/Date(1702651405273+0100)/").as_deref(), Some("2023-12-15T14:43:25.273Z"));
        assert_eq!(to_rfc3339("Date(1717562164000)").as_deref(), Some("2024-06-05T04:36:04Z"));
        assert_eq!(to_rfc3339("/Date(-1000)/").as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(to_rfc3339("Tuesday, 2 January"), None);
    }
}
