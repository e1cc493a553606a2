//! The one way text is broken into lines for a terminal: between words, never at a
//! hyphen (rule ids, field names and `co-sell` hold them), a word split only when it is
//! longer than the line, first-fit (linear in the text's length). The table, `diff` and
//! the interview all wrap through here.

/// `text` in lines of at most `width` columns, the first led by `first` and the others by
/// `rest`, without trailing spaces.
pub fn lines(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_hold_and_indents_lead() {
        let got = lines("run co-sell with product-market fit now", 16, "- ", "  ");
        assert_eq!(
            got,
            ["- run co-sell", "  with", "  product-market", "  fit now"]
        );
        // A word longer than the line is the only one split.
        assert_eq!(lines("abcdefghij", 6, "", ""), ["abcdef", "ghij"]);
    }
}
