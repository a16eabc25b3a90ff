//! Streams of items that follow an API's pages by themselves.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::Value;

use super::client::Client;
use super::error::{Error, PaginationError, PaginationProblem};
use super::query::json_kind;
use super::request::Request;
use super::response::RawResponse;

/// How the next page is addressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The next page starts at an item offset (`start=100`).
    Offset,
    /// The next page is named by an opaque cursor (`cursor=eyJ...`).
    Cursor,
}

/// The paging scheme of a list operation, from the spec's `x-pagination`
/// extension. Generated code makes one `static` per paginated operation.
///
/// The pointers are JSON pointers (RFC 6901) into the response body.
///
/// ```
/// use pipedrive::runtime::{PageKind, PageSpec};
///
/// static DEALS_PAGINATION: PageSpec = PageSpec {
///     kind: PageKind::Offset,
///     param: "start",
///     items: "/data",
///     next: "/additional_data/pagination/next_start",
///     has_more: Some("/additional_data/pagination/more_items_in_collection"),
/// };
/// # let _ = &DEALS_PAGINATION;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSpec {
    /// Offset or cursor paging.
    pub kind: PageKind,
    /// The query parameter set to the next offset or cursor.
    pub param: &'static str,
    /// Where the page's items are; `null` or absent is an empty, final page.
    pub items: &'static str,
    /// Where the next offset or cursor is; `null` or absent ends the stream.
    pub next: &'static str,
    /// Where the "more pages" flag is, when the API has one; `false` or absent
    /// ends the stream.
    pub has_more: Option<&'static str>,
}

/// A stream of the items of every page of a list operation, fetched one page
/// at a time as the stream is polled.
///
/// It ends after the last page (one whose items are empty or absent, whose
/// "more" flag is false, or that names no next page), or after an error
/// response (yielded as the last item). An item that does not decode is
/// yielded as an [`Error::Decode`] naming its path (such as
/// `data[3].value`), and the stream goes on with the next item.
///
/// No item is yielded twice, and a server that keeps saying "more" cannot
/// keep the stream going forever by repeating itself. The stream ends with
/// an [`Error::Pagination`] as its last item when the API names, as the
/// next page, an offset or cursor this stream already fetched (any earlier
/// one, not only the last), an offset below the current one, or when a
/// page holds exactly the items of an earlier page. A server that really
/// does have endless pages is bounded by [`Paginated::max_pages`].
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// # async fn example(deals: pipedrive::runtime::Paginated<serde_json::Value>) -> Result<(), pipedrive::runtime::Error> {
/// let mut deals = deals.max_pages(50);
/// while let Some(deal) = deals.try_next().await? {
///     println!("{}", deal["title"]);
/// }
/// # Ok(())
/// # }
/// ```
pub struct Paginated<T> {
    items: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
    /// The page limit, shared with the stream's state; `usize::MAX` when
    /// there is none.
    max_pages: Arc<AtomicUsize>,
}

impl<T> Paginated<T> {
    /// Limits the stream to `max_pages` pages (requests) in all; without a
    /// call there is no limit.
    ///
    /// When the last page allowed names a next page, the stream yields that
    /// page's items and then an [`Error::Pagination`] with
    /// [`PaginationProblem::PageLimit`]: a limit that cuts a list short is
    /// an error, never a silently shorter list. When the list ends within
    /// the limit, nothing changes. `max_pages(0)` yields the error at once,
    /// without a request. The limit counts every page of the stream, also
    /// those fetched before the call. To take a fixed number of items
    /// without an error, use [`StreamExt::take`] instead.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use pipedrive::runtime::{Error, PaginationProblem};
    /// # async fn example(deals: pipedrive::runtime::Paginated<serde_json::Value>) -> Result<(), pipedrive::runtime::Error> {
    /// match deals.max_pages(20).collect_all().await {
    ///     Ok(deals) => println!("all {} deals", deals.len()),
    ///     Err(Error::Pagination(error))
    ///         if matches!(error.problem, PaginationProblem::PageLimit { .. }) =>
    ///     {
    ///         println!("more than 20 pages of deals")
    ///     }
    ///     Err(error) => return Err(error),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_pages(self, max_pages: usize) -> Self {
        self.max_pages.store(max_pages, Ordering::Relaxed);
        self
    }

    /// Fetches every page and collects the items, stopping at the first error.
    pub async fn collect_all(self) -> Result<Vec<T>, Error> {
        self.try_collect().await
    }
}

impl<T> Stream for Paginated<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.items.as_mut().poll_next(context)
    }
}

impl<T> fmt::Debug for Paginated<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Paginated")
            .field("max_pages", &self.max_pages.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

/// Where a paginated stream is: which page to fetch next, and what it has
/// fetched so far.
struct PageCursor {
    client: Client,
    request: Request,
    spec: &'static PageSpec,
    decode_error: fn(RawResponse) -> Error,
    /// The offset or cursor of the next page; `None` for the first page,
    /// which is sent as the caller built it.
    position: Option<String>,
    /// How many pages were fetched.
    pages: usize,
    /// Every offset or cursor fetched (offsets in canonical form), with the
    /// page it was fetched as.
    positions: BTreeMap<String, usize>,
    /// A digest of the items of every non-empty page fetched, with the page.
    item_digests: BTreeMap<u64, usize>,
    /// The page limit set with [`Paginated::max_pages`].
    max_pages: Arc<AtomicUsize>,
}

impl Client {
    /// Streams the items of every page of a list operation.
    ///
    /// `request` is the first page's request; each later page is the same
    /// request with `spec.param` set to the next offset or cursor.
    /// `decode_error` turns an error response into the operation's error.
    pub fn paginate<T>(
        &self,
        request: Request,
        spec: &'static PageSpec,
        decode_error: fn(RawResponse) -> Error,
    ) -> Paginated<T>
    where
        T: ::serde::de::DeserializeOwned + Send + 'static,
    {
        let max_pages = Arc::new(AtomicUsize::new(usize::MAX));
        let first = PageCursor {
            client: self.clone(),
            request,
            spec,
            decode_error,
            position: None,
            pages: 0,
            positions: BTreeMap::new(),
            item_digests: BTreeMap::new(),
            max_pages: Arc::clone(&max_pages),
        };
        let pages = futures_util::stream::unfold(Some(first), |cursor| async move {
            let cursor = cursor?;
            Some(cursor.fetch_page::<T>().await)
        });
        Paginated {
            items: Box::pin(pages.flat_map(futures_util::stream::iter)),
            max_pages,
        }
    }
}

impl PageCursor {
    /// Fetches one page: its items (or errors), and the cursor of the next
    /// page when there is one.
    async fn fetch_page<T: ::serde::de::DeserializeOwned>(
        mut self,
    ) -> (Vec<Result<T, Error>>, Option<PageCursor>) {
        let max_pages = self.max_pages.load(Ordering::Relaxed);
        if self.pages >= max_pages {
            let error = self.stopped(PaginationProblem::PageLimit { max_pages });
            return (vec![Err(error)], None);
        }
        let mut request = self.request.clone();
        let current = match &self.position {
            Some(position) => {
                request.replace_query(self.spec.param, position);
                Some(position.clone())
            }
            None => self.first_position(),
        };
        self.pages += 1;
        if let Some(current) = &current {
            self.positions
                .entry(self.canonical(current))
                .or_insert(self.pages);
        }
        let response = match self.client.execute(request).await {
            Ok(response) => response,
            Err(error) => return (vec![Err(error)], None),
        };
        if !(200..300).contains(&response.status()) {
            return (vec![Err((self.decode_error)(response))], None);
        }
        let page: Value = match serde_json::from_slice(response.raw_body()) {
            Ok(page) => page,
            Err(error) => {
                return (
                    vec![Err(response.decode_error(".".to_owned(), error.to_string()))],
                    None,
                );
            }
        };
        let items = match page.pointer(self.spec.items) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) if items.is_empty() => Vec::new(),
            Some(Value::Array(items)) => {
                let digest = digest(items);
                if let Some(&same_as_page) = self.item_digests.get(&digest) {
                    let error = self.stopped(PaginationProblem::RepeatedItems {
                        page: self.pages,
                        same_as_page,
                    });
                    return (vec![Err(error)], None);
                }
                self.item_digests.insert(digest, self.pages);
                items.clone()
            }
            Some(other) => {
                let message = format!(
                    "expected the page's items to be an array, found {}",
                    json_kind(other)
                );
                let error = response.decode_error(pointer_to_path(self.spec.items), message);
                return (vec![Err(error)], None);
            }
        };
        let next_position = if items.is_empty() {
            Ok(None)
        } else {
            self.next_position(&page, current.as_deref())
        };
        let mut decoded: Vec<Result<T, Error>> = items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                serde_path_to_error::deserialize(item).map_err(|error| {
                    let path = item_path(self.spec.items, index, &error.path().to_string());
                    response.decode_error(path, error.into_inner().to_string())
                })
            })
            .collect();
        match next_position {
            Ok(Some(position)) => {
                let next = PageCursor {
                    position: Some(position),
                    ..self
                };
                (decoded, Some(next))
            }
            Ok(None) => (decoded, None),
            Err(problem) => {
                decoded.push(Err(self.stopped(problem)));
                (decoded, None)
            }
        }
    }

    /// The offset or cursor the caller set on the first page's request; for
    /// offset paging without one, `0` (the first item).
    fn first_position(&self) -> Option<String> {
        let set = self.request.query_value(self.spec.param);
        match (set, self.spec.kind) {
            (Some(position), _) => Some(position),
            (None, PageKind::Offset) => Some("0".to_owned()),
            (None, PageKind::Cursor) => None,
        }
    }

    /// The form of an offset or cursor under which repeats are found: an
    /// offset's number (`2` and `2.0` are one offset), a cursor's text.
    fn canonical(&self, position: &str) -> String {
        match self.spec.kind {
            PageKind::Cursor => position.to_owned(),
            PageKind::Offset => offset_number(position)
                .map(|number| number.to_string())
                .unwrap_or_else(|| position.to_owned()),
        }
    }

    /// The offset or cursor of the next page, `None` when this page is the
    /// last one (a "more" flag that says no, or no flag and no next value),
    /// or the problem when following it would repeat items or there is more
    /// with no way to it.
    fn next_position(
        &self,
        page: &Value,
        current: Option<&str>,
    ) -> Result<Option<String>, PaginationProblem> {
        let mut said_more = None;
        if let Some(has_more) = self.spec.has_more {
            let more = match page.pointer(has_more) {
                Some(Value::Bool(more)) => *more,
                Some(Value::Number(number)) => number.as_i64() == Some(1),
                Some(Value::String(text)) => text == "true" || text == "1",
                _ => false,
            };
            if !more {
                return Ok(None);
            }
            said_more = Some(has_more);
        }
        let next = match page.pointer(self.spec.next) {
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::String(text)) if !text.is_empty() => text.clone(),
            // Without a "more" flag, no next value is how the last page says so.
            _ => match said_more {
                None => return Ok(None),
                Some(has_more) => {
                    return Err(PaginationProblem::MoreWithoutNext {
                        has_more: has_more.to_owned(),
                        next: self.spec.next.to_owned(),
                    });
                }
            },
        };
        if let Some(&first_fetched_as_page) = self.positions.get(&self.canonical(&next)) {
            return Err(PaginationProblem::RepeatedPosition {
                param: self.spec.param.to_owned(),
                value: next,
                first_fetched_as_page,
            });
        }
        if self.spec.kind == PageKind::Offset
            && let Some(current) = current
            && let (Some(current_offset), Some(next_offset)) =
                (offset_number(current), offset_number(&next))
            && next_offset < current_offset
        {
            return Err(PaginationProblem::OffsetWentBack {
                param: self.spec.param.to_owned(),
                value: next,
                current: current.to_owned(),
            });
        }
        Ok(Some(next))
    }

    /// The error that ends the stream, for `problem`.
    fn stopped(&self, problem: PaginationProblem) -> Error {
        Error::Pagination(Box::new(PaginationError {
            operation: self.request.context().operation_label(),
            pages: self.pages,
            problem,
        }))
    }
}

/// An offset as a number, when it is one.
fn offset_number(position: &str) -> Option<f64> {
    position
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
}

/// A digest of a page's items, to recognise a page served twice.
fn digest(items: &[Value]) -> u64 {
    let mut hasher = DefaultHasher::new();
    for item in items {
        item.to_string().hash(&mut hasher);
    }
    hasher.finish()
}

/// A JSON pointer written as a field path: `/data/items` → `data.items`.
fn pointer_to_path(pointer: &str) -> String {
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .collect();
    if segments.is_empty() {
        ".".to_owned()
    } else {
        segments.join(".")
    }
}

/// The path of a field of an item: `data[3].user_id`.
fn item_path(items_pointer: &str, index: usize, inner_path: &str) -> String {
    let items_path = pointer_to_path(items_pointer);
    let items_path = if items_path == "." {
        String::new()
    } else {
        items_path
    };
    match inner_path {
        "." | "" => format!("{items_path}[{index}]"),
        inner if inner.starts_with('[') => format!("{items_path}[{index}]{inner}"),
        inner => format!("{items_path}[{index}].{inner}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_field_paths() {
        assert_eq!(pointer_to_path("/data"), "data");
        assert_eq!(
            pointer_to_path("/additional_data/pagination/next_start"),
            "additional_data.pagination.next_start"
        );
        assert_eq!(pointer_to_path(""), ".");
        assert_eq!(item_path("/data", 3, "user_id"), "data[3].user_id");
        assert_eq!(item_path("/data", 0, "."), "data[0]");
        assert_eq!(item_path("", 2, "[1]"), "[2][1]");
    }
}
