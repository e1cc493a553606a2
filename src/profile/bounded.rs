//! Numbers with an allowed range. The range is published in the JSON Schema, from which
//! the loader's checks and the interview take it, and is checked again whenever serde
//! reads one of these types.

use std::fmt;

use crate::digits::{group_decimal, group_digits};

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A whole number in `MIN..=MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Whole<const MIN: i64, const MAX: i64>(pub i64);

/// A number (whole or decimal) in `MIN..=MAX`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Decimal<const MIN: i64, const MAX: i64>(pub f64);

/// A share of something, 0 to 100.
pub type Percent = Decimal<0, 100>;
/// A duration in days, a day to ten years.
pub type Days = Whole<1, 3650>;
/// A duration in days where 0 means "never".
pub type DaysOrNever = Whole<0, 365>;
/// A count of things.
pub type Count = Whole<0, 1_000_000>;
/// An amount of US dollars.
pub type Usd = Decimal<0, 1_000_000_000_000>;

/// Describes the allowed range in words, for error messages and help text.
pub fn describe_range(min: i64, max: i64, whole: bool) -> String {
    let kind = if whole { "a whole number" } else { "a number" };
    format!("{kind} from {} to {}", group(min), group(max))
}

fn group(n: i64) -> String {
    let digits = group_digits(n.unsigned_abs(), ',');
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// A number as written, for a message: a whole number in decimal digits gets thousands
/// separators (`5_000` and `5000` read `5,000`, at any size, so no digit is lost to a
/// conversion); anything else (`2.5`, `1e300`, `0x1F`) is repeated as written.
pub fn as_written(written: &str) -> String {
    let plain: String = written.chars().filter(|&c| c != '_').collect();
    let (sign, digits) = match plain.strip_prefix(['-', '+']) {
        Some(digits) => (&plain[..1], digits),
        None => ("", plain.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return written.to_string();
    }
    format!("{sign}{}", group_decimal(digits, ','))
}

/// "`v` is out of range: expected a number from `min` to `max`", with `v` as written.
fn out_of_range<E: de::Error>(v: impl fmt::Display, min: i64, max: i64, whole: bool) -> E {
    E::custom(format!(
        "{} is out of range: expected {}",
        as_written(&v.to_string()),
        describe_range(min, max, whole)
    ))
}

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Whole<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<const MIN: i64, const MAX: i64>;
        impl<const MIN: i64, const MAX: i64> de::Visitor<'_> for Visit<MIN, MAX> {
            type Value = Whole<MIN, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&describe_range(MIN, MAX, true))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                if (MIN..=MAX).contains(&v) {
                    Ok(Whole(v))
                } else {
                    Err(out_of_range(v, MIN, MAX, true))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.visit_i128(i128::from(v))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(out_of_range(v, MIN, MAX, true)),
                }
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(out_of_range(v, MIN, MAX, true)),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                // `{v:?}` keeps the decimal point the user wrote: `2.0`, not `2`.
                Err(E::custom(format!(
                    "{v:?} is not a whole number: expected {}",
                    describe_range(MIN, MAX, true)
                )))
            }
        }
        deserializer.deserialize_i64(Visit::<MIN, MAX>)
    }
}

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Decimal<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<const MIN: i64, const MAX: i64>;
        impl<const MIN: i64, const MAX: i64> de::Visitor<'_> for Visit<MIN, MAX> {
            type Value = Decimal<MIN, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&describe_range(MIN, MAX, false))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                if v.is_finite() && v >= MIN as f64 && v <= MAX as f64 {
                    Ok(Decimal(v))
                } else {
                    // `{v:?}` keeps the user's notation: `1e300`, not 301 digits.
                    Err(out_of_range(format_args!("{v:?}"), MIN, MAX, false))
                }
            }
            // Whole numbers are checked as written, so an error repeats them exactly
            // rather than their nearest `f64`.
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.visit_i128(i128::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.visit_i128(i128::from(v))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
                if (i128::from(MIN)..=i128::from(MAX)).contains(&v) {
                    Ok(Decimal(v as f64))
                } else {
                    Err(out_of_range(v, MIN, MAX, false))
                }
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                match i128::try_from(v) {
                    Ok(v) => self.visit_i128(v),
                    Err(_) => Err(out_of_range(v, MIN, MAX, false)),
                }
            }
        }
        deserializer.deserialize_f64(Visit::<MIN, MAX>)
    }
}

impl<const MIN: i64, const MAX: i64> Serialize for Whole<MIN, MAX> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<const MIN: i64, const MAX: i64> Serialize for Decimal<MIN, MAX> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Whole values stay whole, so a saved profile reads `32`, not `32.0`.
        if self.0.fract() == 0.0 && self.0.abs() < 9e15 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

impl<const MIN: i64, const MAX: i64> JsonSchema for Whole<MIN, MAX> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Whole_{MIN}_{MAX}").into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": MIN, "maximum": MAX })
    }
}

impl<const MIN: i64, const MAX: i64> JsonSchema for Decimal<MIN, MAX> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Decimal_{MIN}_{MAX}").into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": MIN, "maximum": MAX })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Probe {
        pct: Option<Percent>,
        days: Option<Days>,
        count: Option<Count>,
        usd: Option<Usd>,
    }

    fn parse(text: &str) -> Result<Probe, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    #[test]
    fn numbers_in_messages_have_thousands_separators() {
        assert_eq!(
            describe_range(1, 3650, true),
            "a whole number from 1 to 3,650"
        );
        assert_eq!(
            describe_range(0, 1_000_000_000_000, false),
            "a number from 0 to 1,000,000,000,000"
        );
        assert_eq!(as_written("5000"), "5,000");
        assert_eq!(as_written("-1_000_000"), "-1,000,000");
        assert_eq!(as_written("140"), "140");
        assert_eq!(
            as_written("18446744073709551615"),
            "18,446,744,073,709,551,615"
        );
        for kept in ["2.5", "1e300", "0x1F", "inf"] {
            assert_eq!(as_written(kept), kept);
        }
        let err = parse("count = 2_000_000").unwrap_err();
        assert!(
            err.starts_with(
                "2,000,000 is out of range: expected a whole number from 0 to 1,000,000"
            ),
            "{err}"
        );
    }

    #[test]
    fn percent_accepts_whole_and_decimal_values() {
        assert_eq!(parse("pct = 32").unwrap().pct, Some(Decimal(32.0)));
        assert_eq!(parse("pct = 25.5").unwrap().pct, Some(Decimal(25.5)));
    }

    #[test]
    fn out_of_range_names_the_value_and_the_range() {
        let err = parse("pct = 140").unwrap_err();
        assert!(err.contains("140 is out of range"), "{err}");
        assert!(err.contains("from 0 to 100"), "{err}");
        let err = parse("days = -5").unwrap_err();
        assert!(err.contains("-5 is out of range"), "{err}");
        assert!(err.contains("from 1 to 3,650"), "{err}");
    }

    #[test]
    fn days_reject_decimals_and_strings() {
        assert_eq!(parse("days = 90").unwrap().days, Some(Whole(90)));
        assert!(parse("days = 1.5")
            .unwrap_err()
            .contains("not a whole number"));
        let err = parse("days = \"sixty\"").unwrap_err();
        assert!(err.contains("a whole number from 1 to 3,650"), "{err}");
    }

    #[test]
    fn numbers_beyond_i64_are_repeated_as_written() {
        assert_eq!(parse("count = 12").unwrap().count, Some(Whole(12)));
        assert_eq!(parse("usd = 40_000").unwrap().usd, Some(Decimal(40_000.0)));
        for written in [
            "18446744073709551615",
            "9223372036854775808",
            "99999999999999999999999",
        ] {
            for key in ["count", "pct", "usd"] {
                let err = parse(&format!("{key} = {written}")).unwrap_err();
                assert!(
                    err.starts_with(&format!(
                        "{} is out of range: expected ",
                        as_written(written)
                    )),
                    "{key} = {written}: {err}"
                );
            }
        }
        let err = parse("usd = 1e300").unwrap_err();
        assert!(err.starts_with("1e300 is out of range"), "{err}");
        let err = parse("days = 2.0").unwrap_err();
        assert!(err.starts_with("2.0 is not a whole number"), "{err}");
    }
}
