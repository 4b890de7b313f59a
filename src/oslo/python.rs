//! The few Python text formats oslo.messaging's wire and errors are made of, reproduced
//! byte for byte: `json.dumps` with its default separators and `ensure_ascii`, `repr` of
//! strings and lists of strings (as `RemoteError` prints tracebacks), float `repr`, and
//! `str(datetime)` (a notification's timestamp).

use serde_json::Value;

/// `json.dumps(value)` with Python's defaults: `", "` and `": "` separators, non-ASCII
/// escaped as `\uXXXX`, keys in insertion order.
pub fn json_dumps(value: &Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => {
            if let Some(int) = number.as_i64() {
                out.push_str(&int.to_string());
            } else if let Some(int) = number.as_u64() {
                out.push_str(&int.to_string());
            } else {
                out.push_str(&float_repr(number.as_f64().unwrap_or(f64::NAN)));
            }
        }
        Value::String(text) => write_json_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (index, (key, item)) in map.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_json_string(key, out);
                out.push_str(": ");
                write_json(item, out);
            }
            out.push('}');
        }
    }
}

fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            ' '..='~' => out.push(character),
            _ => {
                let mut units = [0u16; 2];
                for unit in character.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest digits that round-trip, in exponent form below
/// 1e-4 and from 1e16 on, always with a `.0` or an exponent.
pub fn float_repr(number: f64) -> String {
    if number.is_nan() {
        return "NaN".into();
    }
    if number.is_infinite() {
        return if number > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if number == 0.0 {
        return if number.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits, e.g. `1.5e-7`.
    let scientific = format!("{number:e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("{:e} has an exponent");
    let exponent: i32 = exponent.parse().expect("exponent is an integer");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if !(-4..16).contains(&exponent) {
        let mut text = String::from(sign);
        text.push_str(&digits[..1]);
        if digits.len() > 1 {
            text.push('.');
            text.push_str(&digits[1..]);
        }
        text.push_str(&format!("e{}{:02}", if exponent < 0 { '-' } else { '+' }, exponent.abs()));
        return text;
    }
    let point = exponent + 1;
    let body = if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point as usize >= digits.len() {
        format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    format!("{sign}{body}")
}

/// Python's `repr(str)`: single quotes unless the text has a single quote and no double
/// quote, with backslash escapes for the quote, backslash and control characters.
pub fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for character in text.chars() {
        match character {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of a JSON value: `'text'`, `42`, `1.5`, `True`, `None`, `[1, 'a']`,
/// `{'k': 1}`.
pub fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(number) => match number.as_f64() {
            Some(float) if number.is_f64() => float_repr(float),
            _ => number.to_string(),
        },
        Value::String(text) => str_repr(text),
        Value::Array(items) => format!("[{}]", items.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(members) => format!(
            "{{{}}}",
            members
                .iter()
                .map(|(key, member)| format!("{}: {}", str_repr(key), py_repr(member)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `str()` of a JSON value: a string as itself, anything else as `repr()`.
pub fn py_str(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr(list_of_str)`.
pub fn str_list_repr(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|item| str_repr(item)).collect();
    format!("[{}]", inner.join(", "))
}

/// `str(datetime)` of a UTC instant given in milliseconds since the Unix epoch:
/// `YYYY-MM-DD HH:MM:SS.ffffff`, without the fraction when it is zero, as Python prints it.
pub fn datetime_str(epoch_ms: u64) -> String {
    let seconds = epoch_ms / 1000;
    let micros = (epoch_ms % 1000) * 1000;
    let days = (seconds / 86_400) as i64;
    let second_of_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    let clock = format!("{:02}:{:02}:{:02}", second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    if micros == 0 {
        format!("{year:04}-{month:02}-{day:02} {clock}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {clock}.{micros:06}")
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_dumps_matches_python() {
        let value = json!({"method": "add", "args": {"a": 2, "b": 40}, "_timeout": null, "s": "é\"\n", "f": [1.0, 0.5, 1e16, 1e-5]});
        assert_eq!(
            json_dumps(&value),
            r#"{"method": "add", "args": {"a": 2, "b": 40}, "_timeout": null, "s": "\u00e9\"\n", "f": [1.0, 0.5, 1e+16, 1e-05]}"#
        );
        assert_eq!(json_dumps(&json!("😀")), r#""\ud83d\ude00""#);
    }

    #[test]
    fn float_repr_matches_python() {
        for (number, text) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (123.456, "123.456"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (-2.5, "-2.5"),
        ] {
            assert_eq!(float_repr(number), text, "{number}");
        }
    }

    #[test]
    fn repr_matches_python() {
        assert_eq!(str_repr("a\nb"), r"'a\nb'");
        assert_eq!(str_repr("it's"), r#""it's""#);
        assert_eq!(str_repr(r#"File "x""#), r#"'File "x"'"#);
        assert_eq!(str_list_repr(&["a\n".into(), "b".into()]), r"['a\n', 'b']");
    }

    #[test]
    fn datetime_str_matches_python() {
        assert_eq!(datetime_str(0), "1970-01-01 00:00:00");
        assert_eq!(datetime_str(1_795_548_010_310), "2026-11-24 19:20:10.310000");
        assert_eq!(datetime_str(951_782_400_001), "2000-02-29 00:00:00.001000");
    }
}
