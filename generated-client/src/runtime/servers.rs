//! Which base URL each spec of a crate made from several specs gets, from
//! the one URL its client was built with.

/// One server a spec lists, split for matching: the host name its URL names
/// (a `{variable}` stands for any part of a host name) and the path the spec
/// is served under there (variables set to their defaults, no trailing `/`).
///
/// Generated code has one list per spec (`SERVERS` in the spec's module);
/// [`Client::for_spec`](super::Client::for_spec) reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Server {
    host: &'static str,
    path: &'static str,
}

impl Server {
    /// A server on the host `host` (a pattern such as
    /// `{companydomain}.pipedrive.com`; empty for a server URL without a
    /// host) serving the spec under `path` (such as `/api/v1`).
    pub const fn new(host: &'static str, path: &'static str) -> Server {
        Server { host, path }
    }

    /// The host name pattern.
    pub fn host(&self) -> &'static str {
        self.host
    }

    /// The path the spec is served under.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// Whether `host` (a host name, without scheme or port) is one this
    /// server's pattern names. Host names compare without regard to case.
    fn serves_host(&self, host: &str) -> bool {
        !self.host.is_empty()
            && pattern_matches(&self.host.to_ascii_lowercase(), &host.to_ascii_lowercase())
    }
}

/// Whether `text` matches `pattern`, where each `{variable}` of the pattern
/// stands for one or more characters other than `/`.
fn pattern_matches(pattern: &str, text: &str) -> bool {
    let Some(start) = pattern.find('{') else {
        return pattern == text;
    };
    let Some(length) = pattern[start..].find('}') else {
        return pattern == text;
    };
    let (literal, rest) = (&pattern[..start], &pattern[start + length + 1..]);
    let Some(text) = text.strip_prefix(literal) else {
        return false;
    };
    // The variable takes at least one character; try every split.
    text.char_indices()
        .skip(1)
        .map(|(index, _)| index)
        .chain(std::iter::once(text.len()))
        .take_while(|&end| !text[..end].contains('/'))
        .filter(|&end| end > 0)
        .any(|end| pattern_matches(rest, &text[end..]))
}

/// The base URL of the spec whose servers are `own`, for a client built with
/// `configured` in a crate whose specs' servers are `every_spec` (`own`
/// among them):
///
/// - a URL that is one of `own`'s servers (its host matches and its path is
///   that server's) is kept as it is;
/// - a URL on a host some spec's server names, with no path or with the path
///   of one of those servers, gives its scheme, host and port, joined with
///   the path of `own`'s first server on that host (or of `own`'s first
///   server when none names it);
/// - any other URL (a mock server, a proxy) is the base URL of every spec.
pub(crate) fn base_url_for_spec(
    configured: &str,
    own: &[Server],
    every_spec: &[&[Server]],
) -> String {
    let Ok(url) = reqwest::Url::parse(configured) else {
        return configured.to_owned();
    };
    let Some(host) = url.host_str() else {
        return configured.to_owned();
    };
    let path = url.path().trim_end_matches('/');
    let is_server = |server: &Server| server.serves_host(host) && server.path == path;
    if own.iter().any(is_server) {
        return configured.to_owned();
    }
    let on_known_host = every_spec
        .iter()
        .flat_map(|servers| servers.iter())
        .any(|server| server.serves_host(host) && (path.is_empty() || server.path == path));
    if !on_known_host {
        return configured.to_owned();
    }
    let server = own
        .iter()
        .find(|server| server.serves_host(host))
        .or_else(|| own.first());
    let mut origin = url.clone();
    origin.set_path("");
    let origin = origin.as_str().trim_end_matches('/').to_owned();
    format!("{origin}{}", server.map_or("", |server| server.path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_match_part_of_a_host_name() {
        let check = |pattern: &str, text: &str, expect: bool| {
            assert_eq!(pattern_matches(pattern, text), expect, "{pattern} ~ {text}");
        };
        check("{company}.pipedrive.com", "acme.pipedrive.com", true);
        check("{company}.pipedrive.com", "api.pipedrive.com", true);
        check("{company}.pipedrive.com", ".pipedrive.com", false);
        check("{company}.pipedrive.com", "pipedrive.com", false);
        check("api.pipedrive.com", "api.pipedrive.com", true);
        check("api.pipedrive.com", "acme.pipedrive.com", false);
        check("{a}-{b}.example.com", "eu-1.example.com", true);
    }
}
