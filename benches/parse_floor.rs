//! The floor `assess` is measured against: a process that only reads one profile and
//! parses its TOML, and does nothing else. Built by `benches/assess.sh`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse-floor PROFILE");
    let text = std::fs::read_to_string(&path).expect("readable profile");
    let table: toml::Table = toml::from_str(&text).expect("valid TOML");
    println!("{}", table.len());
}
