//! Where a rule's domain text comes from: its `source` string split into the articles it
//! cites, each with its key, title and sections. `rules explain` shows one rule's source
//! this way and an assessment lists the sources of the rules behind its lines, so both
//! read a source with the one function here.

use schemars::JsonSchema;
use serde::Serialize;

/// A rule's source, as written and split into article and section.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Source {
    pub text: String,
    pub article: String,
    pub section: Option<String>,
}

/// One article a report's rules cite (contract: `sources[]`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Article {
    /// Contract: the article's key, the source's first word ("000").
    pub key: String,
    /// Contract: the article's title.
    pub title: String,
    /// Contract: the quoted sections cited, in the order first cited.
    pub sections: Vec<String>,
    /// Where the article is published, from the policy's `[[sources]]`; `null` when the
    /// policy gives no address.
    pub url: Option<String>,
}

/// "000 Article title, 'Section' and FAQ 'Question'" -> article and section. Sources
/// name the article first, then the quoted section; a source without a quoted section
/// is all article.
pub fn split(source: &str) -> Source {
    let text = source.trim().to_string();
    let split = [", '", ", \u{2018}", ", \"", ", \u{201c}", ", §"]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min();
    let (article, section) = match split {
        Some(at) => (
            text[..at].trim().to_string(),
            Some(text[at + 1..].trim().to_string()),
        ),
        None => (text.clone(), None),
    };
    Source {
        text,
        article,
        section,
    }
}

/// The articles a source cites: sources citing several separate them with `; `.
pub fn articles(source: &str) -> Vec<Article> {
    source
        .split("; ")
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let Source {
                article, section, ..
            } = split(part);
            let (key, title) = match article.split_once(' ') {
                Some((key, title)) => (key.to_string(), title.trim().to_string()),
                None => (article.clone(), String::new()),
            };
            let sections = section.map(|s| quoted(&s)).unwrap_or_default();
            Article {
                key,
                title,
                sections,
                url: None,
            }
        })
        .collect()
}

/// Merges articles cited by several rules into one entry per key, in the order first
/// cited, each section once.
pub fn merge(cited: impl IntoIterator<Item = Article>) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for article in cited {
        match out.iter_mut().find(|a| a.key == article.key) {
            Some(known) => {
                for section in article.sections {
                    if !known.sections.contains(&section) {
                        known.sections.push(section);
                    }
                }
            }
            None => out.push(article),
        }
    }
    out
}

/// The quoted titles in a section text: `'Green-light conditions' and FAQ 'When'` ->
/// both titles. A quote opens after a space (or at the start) and closes before a space,
/// punctuation or the end, so an apostrophe inside a title ("Don't") stays in it. A text
/// with no quotes is one section.
fn quoted(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let is_open = |c: char| matches!(c, '\'' | '\u{2018}');
    let is_close = |c: char| matches!(c, '\'' | '\u{2019}');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_open(chars[i]) && (i == 0 || chars[i - 1].is_whitespace()) {
            let start = i + 1;
            let end = (start..chars.len()).find(|&j| {
                is_close(chars[j]) && chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric())
            });
            if let Some(end) = end {
                out.push(chars[start..end].iter().collect::<String>());
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    if out.is_empty() && !text.trim().is_empty() {
        out.push(text.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_splits_into_article_and_section() {
        let s = split("000 Co-Selling vs Sell-To, 'Green-light conditions' and FAQ 'When'");
        assert_eq!(s.article, "000 Co-Selling vs Sell-To");
        assert_eq!(
            s.section.as_deref(),
            Some("'Green-light conditions' and FAQ 'When'")
        );
        let plain = split("Field interviews, 2024");
        assert_eq!(plain.article, "Field interviews, 2024");
        assert_eq!(plain.section, None);
    }

    #[test]
    fn a_source_cites_articles_with_key_title_and_quoted_sections() {
        let got = articles(
            "000 Co-Selling vs Sell-To, 'Green-light conditions' and FAQ 'Don't wait?' step 3; \
             002 Co-Selling: Definition, 'What is co-selling?'",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].key, "000");
        assert_eq!(got[0].title, "Co-Selling vs Sell-To");
        assert_eq!(got[0].sections, ["Green-light conditions", "Don't wait?"]);
        assert_eq!(got[1].key, "002");
        assert_eq!(got[1].sections, ["What is co-selling?"]);
    }

    #[test]
    fn articles_merge_by_key_keeping_each_section_once() {
        let merged = merge(
            articles("000 A, 'One'")
                .into_iter()
                .chain(articles("001 B, 'Two'"))
                .chain(articles("000 A, 'One' and 'Three'")),
        );
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].sections, ["One", "Three"]);
    }
}
