//! Rebuilds when a file under `rules/` changes: `include_dir!` embeds the folder, but
//! cargo does not know the crate reads it.

fn main() {
    println!("cargo:rerun-if-changed=rules");
}
