//! The date the man pages carry, fixed when partner-fit is built so that the same
//! sources give the same pages: the day of SOURCE_DATE_EPOCH when it is set (the convention of
//! reproducible builds: packagers set it to the commit's or release's time), otherwise
//! the release date written in Cargo.toml (`package.metadata.partner-fit.release-date`).
//! The version has a slot of its own in the page; the date slot gets a date.

use std::env;

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-changed=Cargo.toml");
    // The day of SOURCE_DATE_EPOCH is worked out by the crate itself (src/calendar.rs);
    // here it is only checked and passed on.
    if let Ok(text) = env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("SOURCE_DATE_EPOCH is {text:?}, not a number of seconds"));
        println!("cargo:rustc-env=PARTNER_FIT_MAN_EPOCH={seconds}");
    }
    println!("cargo:rustc-env=PARTNER_FIT_MAN_DATE={}", release_date());
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
