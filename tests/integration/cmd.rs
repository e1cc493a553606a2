//! Golden command-line cases in `tests/cmd/*.toml` (+ `*.stdout`/`*.stderr`, inputs in
//! `*.in/`): exact output and exit code of real runs. Bless on purpose with
//! `TRYCMD=overwrite cargo test`, then read the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("partner-fit", trycmd::cargo::cargo_bin!("partner-fit"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}

/// The reports at the terminal widths a user has (`tests/cmd/width/`): each case sets
/// `COLUMNS` itself, which a width given here would override.
#[test]
fn width_cases() {
    trycmd::TestCases::new()
        .register_bin("partner-fit", trycmd::cargo::cargo_bin!("partner-fit"))
        .env("NO_COLOR", "1")
        .case("tests/cmd/width/*.toml");
}
