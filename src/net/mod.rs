//! The HTTP client: the only code in qari that opens a socket. Every request is bounded: a
//! connect timeout and a total one (body included), at most five redirects, a size cap applied
//! after decompression. It asks conditionally (ETag, Last-Modified) and reports a server's
//! `Retry-After`.

use std::collections::HashSet;
use std::io::Read;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use thiserror::Error;

/// How long a request may take and how much it may bring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// From the first byte sent to the last byte of the body read, across redirects.
    pub timeout: Duration,
    /// Bytes of body, after decompression.
    pub max_bytes: u64,
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// What a request can fail with, as the user reads it (after the feed's name).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum NetError {
    #[error("timed out after {0:.0?}")]
    Timeout(Duration),
    /// The status and its reason (`404 Not Found`).
    #[error("HTTP {1}")]
    Status(u16, String),
    #[error("HTTP {status}: the server asks to wait until {until}")]
    RetryAfter { status: u16, until: String },
    #[error("too large (more than {} MB)", .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    #[error("redirected to {0}, which is not http or https")]
    BadRedirect(String),
    #[error("bad compressed body: {0}")]
    Decompression(String),
    #[error("{0}")]
    Other(String),
}

/// Validators from an earlier fetch, sent so an unchanged resource is answered 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: what was fetched before still holds.
    NotModified,
    Body(Page),
}

/// A response body and what the server said of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub bytes: Vec<u8>,
    /// The URL that answered, after redirects.
    pub url: String,
    pub content_type: Option<String>,
    /// `charset` of the `Content-Type`.
    pub charset: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What kind of thing a request asks for (it only changes the `Accept` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Feed,
    Page,
}

pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

pub const USER_AGENT: &str =
    concat!("qari/", env!("CARGO_PKG_VERSION"), " (terminal reader for Arabic news; feed fetcher)");

impl Client {
    pub fn new(limits: Limits) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(limits.connect_timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build()
            .new_agent();
        Client { agent, limits }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// GETs `url` (http or https), following redirects itself so that a loop, a redirect to
    /// another scheme and the hop count are all seen.
    pub fn get(&self, url: &str, want: Want, conditional: &Conditional) -> Result<Fetched, NetError> {
        let start = Instant::now();
        let mut current = parse_web_url(url).map_err(NetError::Other)?;
        let mut seen = HashSet::new();
        for _hop in 0..=self.limits.max_redirects {
            seen.insert(current.to_string());
            let left =
                self.limits.timeout.checked_sub(start.elapsed()).ok_or(NetError::Timeout(self.limits.timeout))?;
            let mut request = self
                .agent
                .get(current.as_str())
                .header("Accept", accept(want))
                .header("Accept-Encoding", "gzip, deflate")
                .config()
                .timeout_global(Some(left))
                .build();
            if let Some(etag) = &conditional.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(lm) = &conditional.last_modified {
                request = request.header("If-Modified-Since", lm);
            }
            let response = request.call().map_err(|e| self.error_of(e))?;
            let status = response.status().as_u16();
            let header =
                |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string());
            match status {
                300..=399 if status != 304 => {
                    let Some(location) = header("location") else {
                        return Err(NetError::Status(status, format!("{status} redirect without a Location")));
                    };
                    let next = current.join(&location).map_err(|_| NetError::BadRedirect(location.clone()))?;
                    if !matches!(next.scheme(), "http" | "https") {
                        return Err(NetError::BadRedirect(next.to_string()));
                    }
                    if seen.contains(next.as_str()) {
                        return Err(NetError::RedirectLoop(next.to_string()));
                    }
                    current = next;
                    continue;
                }
                304 => return Ok(Fetched::NotModified),
                429 | 503 => {
                    let reason = reason_of(status);
                    return Err(match header("retry-after").and_then(|v| retry_until(&v, Utc::now())) {
                        Some(until) => NetError::RetryAfter {
                            status,
                            until: until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        },
                        None => NetError::Status(status, reason),
                    });
                }
                200..=299 => {}
                _ => return Err(NetError::Status(status, reason_of(status))),
            }
            let content_type = header("content-type");
            let charset = content_type.as_deref().and_then(charset_of);
            let encoding = header("content-encoding").unwrap_or_default().to_ascii_lowercase();
            let (etag, last_modified) = (header("etag"), header("last-modified"));
            let raw = response.into_body().into_with_config().limit(u64::MAX).reader();
            let bytes = read_capped(raw, &encoding, self.limits.max_bytes).map_err(|e| self.read_error(e))?;
            return Ok(Fetched::Body(Page {
                bytes,
                url: current.to_string(),
                content_type,
                charset,
                etag,
                last_modified,
            }));
        }
        Err(NetError::TooManyRedirects(self.limits.max_redirects))
    }

    fn error_of(&self, e: ureq::Error) -> NetError {
        match e {
            ureq::Error::Timeout(ureq::Timeout::Connect) => NetError::Timeout(self.limits.connect_timeout),
            ureq::Error::Timeout(_) => NetError::Timeout(self.limits.timeout),
            ureq::Error::Tls(m) => NetError::Tls(m.to_string()),
            ureq::Error::Rustls(e) => NetError::Tls(e.to_string()),
            ureq::Error::HostNotFound => NetError::Connect("host not found".into()),
            ureq::Error::ConnectionFailed => NetError::Connect("connection failed".into()),
            // before any body, bytes that make no sense are the TLS handshake failing (rustls
            // reports through io::Error): an https URL on a plain server, a broken certificate
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => NetError::Tls(e.to_string()),
            ureq::Error::Io(e) => self.io_error(e),
            ureq::Error::BodyExceedsLimit(n) => NetError::TooLarge(n),
            other => NetError::Other(other.to_string()),
        }
    }

    fn io_error(&self, e: std::io::Error) -> NetError {
        match e.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => NetError::Timeout(self.limits.timeout),
            std::io::ErrorKind::ConnectionRefused => NetError::Connect("connection refused".into()),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::UnexpectedEof => {
                NetError::Connect("the server closed the connection".into())
            }
            _ => NetError::Other(e.to_string()),
        }
    }

    fn read_error(&self, e: ReadError) -> NetError {
        match e {
            ReadError::TooLarge => NetError::TooLarge(self.limits.max_bytes),
            ReadError::Decompression(m) => NetError::Decompression(m),
            ReadError::Io(e) => match e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
                Some(ureq::Error::Timeout(_)) => NetError::Timeout(self.limits.timeout),
                Some(other) => NetError::Other(other.to_string()),
                None => self.io_error(e),
            },
        }
    }
}

fn accept(want: Want) -> &'static str {
    match want {
        Want::Feed => {
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
        }
        Want::Page => "text/html, application/xhtml+xml;q=0.9, */*;q=0.8",
    }
}

/// An absolute `http`/`https` URL, or the one-line reason it is not one.
pub fn parse_web_url(url: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| format!("{url}: not a URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("{url}: not an http or https URL"));
    }
    Ok(parsed)
}

/// `404 Not Found`: the status with its reason, as people know it.
fn reason_of(status: u16) -> String {
    let reason = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    format!("{status} {reason}").trim_end().to_string()
}

/// `charset=` of a Content-Type header.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"').to_string())
    })
}

/// When a `Retry-After` (seconds or an HTTP date) ends; a wait longer than a week is a week.
pub fn retry_until(value: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let week = chrono::Duration::days(7);
    let until = if let Ok(seconds) = value.trim().parse::<i64>() {
        now + chrono::Duration::seconds(seconds.clamp(0, week.num_seconds()))
    } else {
        DateTime::parse_from_rfc2822(value.trim()).ok()?.with_timezone(&Utc)
    };
    Some(until.min(now + week))
}

#[derive(Debug)]
enum ReadError {
    TooLarge,
    Decompression(String),
    Io(std::io::Error),
}

/// Reads a body through its content coding, stopping as soon as it passes `max` bytes (of
/// the decoded body, and of the body on the wire).
fn read_capped(raw: impl Read, encoding: &str, max: u64) -> Result<Vec<u8>, ReadError> {
    let wire = Counted { inner: raw.take(max + 1), count: 0 };
    let mut out = Vec::new();
    let mut wire = wire;
    let decoded: Box<dyn Read + '_> = match encoding {
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(&mut wire)),
        "deflate" => Box::new(Inflate::new(&mut wire)),
        _ => Box::new(&mut wire),
    };
    let read = decoded.take(max + 1).read_to_end(&mut out);
    if let Err(e) = read {
        let compressed = !matches!(encoding, "" | "identity");
        let from_decoder = e.kind() == std::io::ErrorKind::InvalidInput || e.kind() == std::io::ErrorKind::InvalidData;
        return Err(if compressed && from_decoder && e.get_ref().is_none_or(|i| !i.is::<ureq::Error>()) {
            ReadError::Decompression(e.to_string())
        } else {
            ReadError::Io(e)
        });
    }
    if out.len() as u64 > max || wire.count > max {
        return Err(ReadError::TooLarge);
    }
    Ok(out)
}

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// HTTP's `deflate` is zlib-wrapped by the standard and raw deflate by some servers: the first
/// two bytes tell which.
enum Inflate<R: Read> {
    Pending(Option<R>),
    Zlib(flate2::read::ZlibDecoder<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>),
    Raw(flate2::read::DeflateDecoder<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Inflate<R> {
    fn new(inner: R) -> Self {
        Inflate::Pending(Some(inner))
    }
}

impl<R: Read> Read for Inflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Inflate::Pending(inner) = self {
            let Some(mut inner) = inner.take() else { return Ok(0) };
            let mut head = [0u8; 2];
            let mut got = 0;
            while got < 2 {
                let n = inner.read(&mut head[got..])?;
                if n == 0 {
                    break;
                }
                got += n;
            }
            let zlib = got == 2 && head[0] & 0x0F == 8 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
            let chained = std::io::Cursor::new(head[..got].to_vec()).chain(inner);
            *self = if zlib {
                Inflate::Zlib(flate2::read::ZlibDecoder::new(chained))
            } else {
                Inflate::Raw(flate2::read::DeflateDecoder::new(chained))
            };
        }
        match self {
            Inflate::Zlib(d) => d.read(buf),
            Inflate::Raw(d) => d.read(buf),
            Inflate::Pending(_) => Ok(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = DateTime::parse_from_rfc3339("2024-11-01T10:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(retry_until("120", now).unwrap().to_rfc3339(), "2024-11-01T10:02:00+00:00");
        assert_eq!(
            retry_until("Fri, 01 Nov 2024 12:00:00 GMT", now).unwrap().to_rfc3339(),
            "2024-11-01T12:00:00+00:00"
        );
        assert_eq!(retry_until("99999999", now).unwrap(), now + chrono::Duration::days(7));
        assert_eq!(retry_until("soon", now), None);
    }

    #[test]
    fn charset_from_content_type() {
        assert_eq!(charset_of("text/xml; charset=\"windows-1256\"").as_deref(), Some("windows-1256"));
        assert_eq!(charset_of("application/rss+xml;CHARSET=utf-8").as_deref(), Some("utf-8"));
        assert_eq!(charset_of("text/html"), None);
    }

    fn compress(data: &[u8], how: &str) -> Vec<u8> {
        let level = flate2::Compression::best();
        match how {
            "gzip" => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            "zlib" => {
                let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            _ => {
                let mut e = flate2::write::DeflateEncoder::new(Vec::new(), level);
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
        }
    }

    #[test]
    fn bodies_decompress_and_are_capped_after_decompression() {
        let text = "خبر ".repeat(1000).into_bytes();
        assert_eq!(read_capped(&compress(&text, "gzip")[..], "gzip", 1 << 20).unwrap(), text);
        assert_eq!(read_capped(&compress(&text, "zlib")[..], "deflate", 1 << 20).unwrap(), text);
        assert_eq!(read_capped(&compress(&text, "raw")[..], "deflate", 1 << 20).unwrap(), text);
        assert_eq!(read_capped(&text[..], "", 1 << 20).unwrap(), text);
        // a bomb: 50 MB of zeros in about 50 KB
        let bomb = compress(&vec![0u8; 50 << 20], "gzip");
        assert!(bomb.len() < 100_000);
        assert!(matches!(read_capped(&bomb[..], "gzip", 1 << 20), Err(ReadError::TooLarge)));
        assert!(matches!(read_capped(&text[..], "", 100), Err(ReadError::TooLarge)));
        assert!(matches!(read_capped(&b"not gzip at all"[..], "gzip", 1 << 20), Err(ReadError::Decompression(_))));
    }
}
