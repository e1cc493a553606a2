//! The date the man pages carry, fixed when partner-fit is built so that the same
//! sources give the same pages: SOURCE_DATE_EPOCH when it is set (the convention of
//! reproducible builds: packagers set it to the commit's or release's time), otherwise
//! the release date written in Cargo.toml (`package.metadata.partner-fit.release-date`).
//! The version has a slot of its own in the page; the date slot gets a date.

use std::env;

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-changed=Cargo.toml");
    let date = match env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => {
            let seconds: i64 = text.trim().parse().unwrap_or_else(|_| {
                panic!("SOURCE_DATE_EPOCH is {text:?}, not a number of seconds")
            });
            civil_date(seconds.div_euclid(86_400))
        }
        Err(_) => release_date(),
    };
    println!("cargo:rustc-env=PARTNER_FIT_MAN_DATE={date}");
}

/// `release-date = "YYYY-MM-DD"` from Cargo.toml.
fn release_date() -> String {
    let manifest = std::fs::read_to_string("Cargo.toml").expect("Cargo.toml is readable");
    manifest
        .lines()
        .find_map(|line| {
            let value = line.trim().strip_prefix("release-date")?.trim_start();
            let value = value.strip_prefix('=')?.trim().trim_matches('"');
            Some(value.to_string())
        })
        .filter(|date| {
            date.len() == 10
                && date.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        })
        .expect("Cargo.toml sets package.metadata.partner-fit.release-date = \"YYYY-MM-DD\"")
}

/// Days since 1970-01-01 as YYYY-MM-DD (the proleptic Gregorian calendar; Howard
/// Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
