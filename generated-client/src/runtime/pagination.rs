//! Streams of items that follow an API's pages by themselves.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::Value;

use super::client::Client;
use super::error::Error;
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
/// It ends after the last page, after an empty page, or after an error
/// response (yielded as the last item). An item that does not decode is
/// yielded as an [`Error::Decode`] naming its path (such as
/// `data[3].value`), and the stream goes on with the next item.
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// # async fn example(deals: pipedrive::runtime::Paginated<serde_json::Value>) -> Result<(), pipedrive::runtime::Error> {
/// let mut deals = deals;
/// while let Some(deal) = deals.try_next().await? {
///     println!("{}", deal["title"]);
/// }
/// # Ok(())
/// # }
/// ```
pub struct Paginated<T> {
    items: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
}

impl<T> Paginated<T> {
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
        formatter.debug_struct("Paginated").finish_non_exhaustive()
    }
}

/// Where a paginated stream is: which page to fetch next.
struct PageCursor {
    client: Client,
    request: Request,
    spec: &'static PageSpec,
    decode_error: fn(RawResponse) -> Error,
    /// The offset or cursor of the next page; `None` for the first page,
    /// which is sent as the caller built it.
    position: Option<String>,
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
        let first = PageCursor {
            client: self.clone(),
            request,
            spec,
            decode_error,
            position: None,
        };
        let pages = futures_util::stream::unfold(Some(first), |cursor| async move {
            let cursor = cursor?;
            Some(cursor.fetch_page::<T>().await)
        });
        Paginated {
            items: Box::pin(pages.flat_map(futures_util::stream::iter)),
        }
    }
}

impl PageCursor {
    /// Fetches one page: its items (or errors), and the cursor of the next
    /// page when there is one.
    async fn fetch_page<T: ::serde::de::DeserializeOwned>(
        self,
    ) -> (Vec<Result<T, Error>>, Option<PageCursor>) {
        let mut request = self.request.clone();
        if let Some(position) = &self.position {
            request.replace_query(self.spec.param, position);
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
            Some(Value::Array(items)) => items.clone(),
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
            None
        } else {
            self.next_position(&page)
        };
        let decoded = items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                serde_path_to_error::deserialize(item).map_err(|error| {
                    let path = item_path(self.spec.items, index, &error.path().to_string());
                    response.decode_error(path, error.into_inner().to_string())
                })
            })
            .collect();
        let next = next_position.map(|position| PageCursor {
            position: Some(position),
            ..self
        });
        (decoded, next)
    }

    /// The offset or cursor of the next page, or `None` when this page is the
    /// last one (no "more" flag, no next value, or no progress).
    fn next_position(&self, page: &Value) -> Option<String> {
        if let Some(has_more) = self.spec.has_more {
            let more = match page.pointer(has_more) {
                Some(Value::Bool(more)) => *more,
                Some(Value::Number(number)) => number.as_i64() == Some(1),
                Some(Value::String(text)) => text == "true" || text == "1",
                _ => false,
            };
            if !more {
                return None;
            }
        }
        let next = match page.pointer(self.spec.next)? {
            Value::Number(number) => number.to_string(),
            Value::String(text) if !text.is_empty() => text.clone(),
            _ => return None,
        };
        let made_progress = match (self.spec.kind, &self.position) {
            (_, None) => true,
            (PageKind::Cursor, Some(current)) => *current != next,
            (PageKind::Offset, Some(current)) => {
                match (current.parse::<f64>(), next.parse::<f64>()) {
                    (Ok(current), Ok(next)) => next > current,
                    _ => *current != next,
                }
            }
        };
        made_progress.then_some(next)
    }
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
