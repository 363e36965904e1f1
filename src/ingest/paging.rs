//! Paged Microsoft Graph list responses spread over several files of a tenant.
//!
//! A Graph list response with `@odata.nextLink` is one page of a longer list. When a tenant
//! directory holds every page of a collection, the pages are read as one export; otherwise the
//! tenant is rejected at the dangling `@odata.nextLink`.
//!
//! A page carries the address of the *next* page but not its own, so the chain cannot be
//! rebuilt link by link. For the pages of one collection, the rule is:
//!
//! - exactly one page has no `@odata.nextLink` (the last page); none means the last page is
//!   missing, several mean m365lint cannot tell which one ends the chain;
//! - no two pages link to the same next page (same `$skiptoken`, or the same link when it has
//!   no `$skiptoken`): that is one page saved twice, which hides a missing one;
//! - every `@odata.count` present equals the number of objects on all the pages together.
//!
//! Limits: without `@odata.count`, a missing page in the *middle* of the chain goes unnoticed
//! (pages 1, 3 and 4 look like a complete chain of three), so merged pages without a count
//! carry a warning saying so. A file without `@odata.nextLink` is taken for the last page even
//! when it is a complete export of its own; with one linked page that reading is harmless (the
//! objects are all there), and with several candidates the tenant is rejected.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::collection::Collection;
use super::problem::{IngestCode, Issue, locate_issues};
use crate::model::{PathSegment, Problem, SourceFile};

/// One Graph list response (or one collection of it), as read from a file.
#[derive(Debug, Clone)]
pub struct Page {
    pub collection: Collection,
    /// Number of objects of the collection on the page.
    pub items: usize,
    /// `@odata.nextLink`, and the pointer to it.
    pub next_link: Option<(String, Vec<PathSegment>)>,
    /// `@odata.count`, and the pointer to it.
    pub count: Option<(u64, Vec<PathSegment>)>,
}

/// What the paging check found: problems reject the tenant, warnings are reported with it.
#[derive(Debug, Default)]
pub struct Checked {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// A page and the index of the file it is in.
struct Located<'p> {
    file: usize,
    page: &'p Page,
}

/// Checks the pages of every collection. `pages[i]` are the pages found in `sources[i]`.
pub fn check(sources: &[Arc<SourceFile>], pages: &[Vec<Page>]) -> Checked {
    let mut by_collection: BTreeMap<Collection, Vec<Located<'_>>> = BTreeMap::new();
    for (file, file_pages) in pages.iter().enumerate() {
        for page in file_pages {
            by_collection.entry(page.collection).or_default().push(Located { file, page });
        }
    }
    let mut problems: Vec<(usize, Issue)> = Vec::new();
    let mut warnings: Vec<(usize, Issue)> = Vec::new();
    for (collection, chain) in &by_collection {
        if chain.iter().any(|located| located.page.next_link.is_some()) {
            check_chain(sources, *collection, chain, &mut problems, &mut warnings);
        }
    }
    Checked { problems: locate(sources, problems), warnings: locate(sources, warnings) }
}

fn check_chain(
    sources: &[Arc<SourceFile>],
    collection: Collection,
    chain: &[Located<'_>],
    problems: &mut Vec<(usize, Issue)>,
    warnings: &mut Vec<(usize, Issue)>,
) {
    let path = |file: usize| sources[file].path.as_str();
    let linked: Vec<(&Located<'_>, &str, &[PathSegment])> = chain
        .iter()
        .filter_map(|located| {
            located.page.next_link.as_ref().map(|(link, pointer)| (located, link.as_str(), pointer.as_slice()))
        })
        .collect();
    let last: Vec<&Located<'_>> = chain.iter().filter(|located| located.page.next_link.is_none()).collect();
    let before = problems.len();

    let mut seen: BTreeMap<&str, &Located<'_>> = BTreeMap::new();
    for (located, link, pointer) in &linked {
        let token = next_page_token(link);
        match seen.get(token) {
            Some(first) => problems.push((
                located.file,
                Issue {
                    code: IngestCode::DuplicatePage,
                    pointer: pointer.to_vec(),
                    message: format!(
                        "{} links to the same next page as {}: one page of the paged {} list was saved twice, so another may be missing",
                        path(located.file),
                        path(first.file),
                        collection.noun()
                    ),
                    label: Some("same next page as another file".into()),
                },
            )),
            None => {
                seen.insert(token, located);
            }
        }
    }

    match last.as_slice() {
        [] => {
            for (located, link, pointer) in &linked {
                let message = if linked.len() == 1 {
                    format!(
                        "{} is one page of a paged Graph response; the following pages ({}) are not in this tenant",
                        path(located.file),
                        shorten_link(link)
                    )
                } else {
                    format!(
                        "{} is one of {} pages of a paged {} list, and none of them is the last page (the one without @odata.nextLink): the pages that follow ({}) are not all in this tenant",
                        path(located.file),
                        linked.len(),
                        collection.noun(),
                        shorten_link(link)
                    )
                };
                problems.push((
                    located.file,
                    Issue {
                        code: IngestCode::PartialExport,
                        pointer: pointer.to_vec(),
                        message,
                        label: Some("more pages follow".into()),
                    },
                ));
            }
        }
        [_] => {}
        several => {
            if let Some((first, _, pointer)) = linked.first() {
                let candidates: Vec<&str> = several.iter().map(|located| path(located.file)).collect();
                problems.push((
                    first.file,
                    Issue {
                        code: IngestCode::AmbiguousPages,
                        pointer: pointer.to_vec(),
                        message: format!(
                            "{} is one page of a paged {} list, and {} files could be its last page ({}): m365lint cannot tell which one ends the list",
                            path(first.file),
                            collection.noun(),
                            several.len(),
                            candidates.join(", ")
                        ),
                        label: Some("which page is last?".into()),
                    },
                ));
            }
        }
    }
    if problems.len() > before {
        return;
    }

    let total: usize = chain.iter().map(|located| located.page.items).sum();
    let mut counted = false;
    for located in chain {
        let Some((count, pointer)) = &located.page.count else { continue };
        counted = true;
        if usize::try_from(*count).ok() != Some(total) {
            problems.push((
                located.file,
                Issue {
                    code: IngestCode::PageCountMismatch,
                    pointer: pointer.clone(),
                    message: format!(
                        "@odata.count says the {} list holds {count} objects, but its {} pages in this tenant hold {total}: a page is missing or was saved twice",
                        collection.noun(),
                        chain.len()
                    ),
                    label: Some(format!("{total} on the pages")),
                },
            ));
        }
    }
    if !counted && let Some((first, _, pointer)) = linked.first() {
        let files: Vec<&str> = chain.iter().map(|located| path(located.file)).collect();
        warnings.push((
            first.file,
            Issue {
                code: IngestCode::UnverifiedPages,
                pointer: pointer.to_vec(),
                message: format!(
                    "read the {} pages of the {} list ({}) as one export; without @odata.count m365lint cannot prove that no page in the middle is missing",
                    chain.len(),
                    collection.noun(),
                    files.join(", ")
                ),
                label: Some("pages merged".into()),
            },
        ));
    }
}

/// What identifies the page a link leads to: its `$skiptoken` (also URL-encoded as
/// `%24skiptoken`), or the whole link when it has none (e.g. `$skip=` paging).
fn next_page_token(link: &str) -> &str {
    let Some((_, query)) = link.split_once('?') else { return link };
    query
        .split('&')
        .find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name.eq_ignore_ascii_case("$skiptoken") || name.eq_ignore_ascii_case("%24skiptoken")).then_some(value)
        })
        .unwrap_or(link)
}

fn shorten_link(link: &str) -> String {
    link.split('?').next().unwrap_or(link).to_owned() + "?..."
}

/// Locates issues file by file, parsing each file's span tree once.
fn locate(sources: &[Arc<SourceFile>], issues: Vec<(usize, Issue)>) -> Vec<Problem> {
    let mut by_file: BTreeMap<usize, Vec<Issue>> = BTreeMap::new();
    for (file, issue) in issues {
        by_file.entry(file).or_default().push(issue);
    }
    by_file.into_iter().flat_map(|(file, issues)| locate_issues(&sources[file], issues)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_apart_by_their_skiptoken() {
        let base = "https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies";
        assert_eq!(next_page_token(&format!("{base}?$skiptoken=RFNwdAIAAQ&$top=2")), "RFNwdAIAAQ");
        assert_eq!(next_page_token(&format!("{base}?%24top=2&%24skiptoken=RFNwdAIAAg")), "RFNwdAIAAg");
        let skip = format!("{base}?$top=2&$skip=4");
        assert_eq!(next_page_token(&skip), skip);
        assert_eq!(next_page_token(base), base);
    }
}
