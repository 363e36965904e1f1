//! .NET `TimeSpan` values as exports write them: `ConvertTo-Json` writes the structure
//! (`{"Ticks": 25920000000000, "Days": 30, "Hours": 0, ..., "TotalDays": 30.0}`), the Exchange
//! admin API the invariant text form (`30.00:00:00`, `[-][d.]hh:mm:ss[.fffffff]`).

use serde_json::{Map, Value};

use super::member;

pub const TICKS_PER_DAY: i64 = 864_000_000_000;
const TICKS_PER_SECOND: i64 = 10_000_000;

/// Reads a TimeSpan object in ticks (100 ns): `Ticks` when present (it is the value; the
/// other members are views of it), else its `Days`, `Hours`, `Minutes` and `Seconds`.
pub fn from_object(parts: &Map<String, Value>) -> Option<i64> {
    if let Some((_, ticks)) = member(parts, "Ticks") {
        return ticks.as_i64();
    }
    let days = member(parts, "Days")?.1.as_i64()?;
    let component = |name: &str| member(parts, name).map_or(Some(0), |(_, value)| value.as_i64());
    let (hours, minutes, seconds) = (component("Hours")?, component("Minutes")?, component("Seconds")?);
    days.checked_mul(24)?
        .checked_add(hours)?
        .checked_mul(60)?
        .checked_add(minutes)?
        .checked_mul(60)?
        .checked_add(seconds)?
        .checked_mul(TICKS_PER_SECOND)
}

/// Parses the invariant text form `[-][d.]hh:mm:ss[.fffffff]`.
pub fn from_text(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = text.split(':');
    let (first, minutes, seconds) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (days, hours) = match first.split_once('.') {
        Some((days, hours)) => (number(days)?, number(hours)?),
        None => (0, number(first)?),
    };
    let (seconds, fraction) = match seconds.split_once('.') {
        Some((seconds, fraction)) => (number(seconds)?, fraction_ticks(fraction)?),
        None => (number(seconds)?, 0),
    };
    let minutes = number(minutes)?;
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    let ticks = days
        .checked_mul(24)?
        .checked_add(hours)?
        .checked_mul(60)?
        .checked_add(minutes)?
        .checked_mul(60)?
        .checked_add(seconds)?
        .checked_mul(TICKS_PER_SECOND)?
        .checked_add(fraction)?;
    Some(if negative { -ticks } else { ticks })
}

fn number(text: &str) -> Option<i64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// Up to seven digits of fractional seconds, in ticks.
fn fraction_ticks(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 7 {
        return None;
    }
    let digits = number(text)?;
    let scale = 10_i64.checked_pow(u32::try_from(7 - text.len()).ok()?)?;
    digits.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_the_text_form() {
        assert_eq!(from_text("30.00:00:00"), Some(30 * TICKS_PER_DAY));
        assert_eq!(from_text("00:00:00"), Some(0));
        assert_eq!(from_text("730.00:00:00"), Some(730 * TICKS_PER_DAY));
        assert_eq!(
            from_text("1.12:30:15.5"),
            Some(TICKS_PER_DAY + ((12 * 60 + 30) * 60 + 15) * TICKS_PER_SECOND + 5_000_000)
        );
        assert_eq!(from_text("-1.00:00:00"), Some(-TICKS_PER_DAY));
        for bad in
            ["30", "30 days", "1.24:00:00", "00:60:00", "00:00", "00:00:00:00", "00:00:00.12345678", "a.00:00:00", ""]
        {
            assert_eq!(from_text(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reads_the_object_form_by_ticks_else_components() {
        let windows_powershell = json!({"Ticks": 25_920_000_000_000_i64, "Days": 30, "Hours": 0, "Milliseconds": 0,
            "Minutes": 0, "Seconds": 0, "TotalDays": 30.0, "TotalHours": 720.0});
        assert_eq!(windows_powershell.as_object().and_then(from_object), Some(30 * TICKS_PER_DAY));
        let components = json!({"days": 7, "hours": 1, "minutes": 0, "seconds": 0});
        assert_eq!(components.as_object().and_then(from_object), Some(7 * TICKS_PER_DAY + 3600 * TICKS_PER_SECOND));
        assert_eq!(json!({"TotalDays": 30.0}).as_object().and_then(from_object), None);
        assert_eq!(json!({"Ticks": "many"}).as_object().and_then(from_object), None);
    }
}
