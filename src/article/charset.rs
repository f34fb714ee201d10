//! Which encoding a file's bytes are in: a byte order mark, then what was declared (an HTTP
//! `Content-Type`, then the document's own `<meta charset>`, `<meta http-equiv>` or XML
//! declaration), then detection. A declaration is not believed when the bytes say otherwise.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Where the encoding the text was read in came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// Nothing declared and the bytes are UTF-8 (repaired UTF-8 included).
    Default,
    /// A byte order mark.
    Bom,
    /// The charset the caller was given (from an HTTP `Content-Type`).
    Declared,
    /// The document's `<meta charset>`, `<meta http-equiv>` or XML declaration.
    Document,
    /// Guessed from the bytes (chardetng).
    Detected,
}

impl EncodingSource {
    /// How a notice names it: "read as windows-1256 (detected)".
    pub fn describe(self) -> &'static str {
        match self {
            EncodingSource::Default => "by default",
            EncodingSource::Bom => "byte order mark",
            EncodingSource::Declared => "declared by the server",
            EncodingSource::Document => "declared in the file",
            EncodingSource::Detected => "detected",
        }
    }
}

/// The encoding chosen for some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
    /// How many bytes of a byte order mark to skip.
    pub bom_len: usize,
    /// A declared encoding that the bytes contradicted, and so was not used.
    pub overridden: Option<&'static Encoding>,
}

/// How far into a file its own declaration is looked for (as browsers do).
const PRESCAN_LIMIT: usize = 1024;

/// Chooses the encoding of `bytes`. `declared` is a charset label from outside the file (an
/// HTTP `Content-Type`'s `charset`, or the whole header value).
pub fn choose(bytes: &[u8], declared: Option<&str>) -> Choice {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Choice { encoding, source: EncodingSource::Bom, bom_len, overridden: None };
    }
    let outside = declared.and_then(|d| label_encoding(charset_param(d).unwrap_or(d)));
    let declared = outside.map(|e| (e, EncodingSource::Declared)).or_else(|| {
        // a document cannot declare itself UTF-16: it would not have been readable to say so
        document_declaration(bytes)
            .map(|e| (if e == UTF_16LE || e == UTF_16BE { UTF_8 } else { e }, EncodingSource::Document))
    });
    let utf8 = Utf8Shape::of(bytes);
    match declared {
        Some((encoding, source)) if encoding == UTF_8 => {
            if utf8.is_mostly_utf8() {
                Choice { encoding, source, bom_len: 0, overridden: None }
            } else {
                Choice { overridden: Some(UTF_8), ..detect(bytes) }
            }
        }
        // a label that lies: these bytes are UTF-8 (not ASCII), and read as the label says they
        // would be mojibake (every multi-byte letter split into two or three symbols)
        Some((encoding, _)) if encoding.is_ascii_compatible() && utf8.is_valid_with_non_ascii() => {
            Choice { encoding: UTF_8, source: EncodingSource::Detected, bom_len: 0, overridden: Some(encoding) }
        }
        Some((encoding, source)) => Choice { encoding, source, bom_len: 0, overridden: None },
        None if utf8.is_mostly_utf8() => {
            Choice { encoding: UTF_8, source: EncodingSource::Default, bom_len: 0, overridden: None }
        }
        None => detect(bytes),
    }
}

fn detect(bytes: &[u8]) -> Choice {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    Choice { encoding, source: EncodingSource::Detected, bom_len: 0, overridden: None }
}

/// An encoding label as the WHATWG Encoding Standard reads it; `x-user-defined` and the
/// `replacement` encoding are not for documents.
fn label_encoding(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes())?;
    if encoding == encoding_rs::X_USER_DEFINED {
        return Some(WINDOWS_1252);
    }
    (encoding != encoding_rs::REPLACEMENT).then_some(encoding)
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset=windows-1256`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + "charset".len()..].trim_start();
    let value = rest.strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(value.len());
    (end > 0).then(|| &value[..end])
}

/// What UTF-8 makes of the bytes: valid multi-byte characters and invalid sequences.
struct Utf8Shape {
    multibyte: usize,
    invalid: usize,
}

impl Utf8Shape {
    fn of(bytes: &[u8]) -> Utf8Shape {
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            // continuation bytes are not counted: a character is one lead byte
            let multibyte = text.bytes().filter(|&b| b >= 0xC0).count();
            return Utf8Shape { multibyte, invalid: 0 };
        }
        let mut shape = Utf8Shape { multibyte: 0, invalid: 0 };
        for chunk in bytes.utf8_chunks() {
            shape.multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
            shape.invalid += usize::from(!chunk.invalid().is_empty());
        }
        shape
    }

    fn is_valid_with_non_ascii(&self) -> bool {
        self.invalid == 0 && self.multibyte > 0
    }

    /// UTF-8, maybe with some damage: a file in a legacy encoding gives far more invalid
    /// sequences than valid multi-byte characters (its letters seldom form valid pairs).
    fn is_mostly_utf8(&self) -> bool {
        self.invalid == 0 || self.multibyte >= 2 * self.invalid
    }
}

/// The encoding the document declares for itself in its first bytes: an XML declaration, or
/// a `<meta charset>` / `<meta http-equiv="Content-Type" content="…; charset=…">` (a
/// simplified form of the HTML prescan: comments skipped, attributes read quoted or not).
pub fn document_declaration(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LIMIT)];
    if let Some(encoding) = xml_declaration(head) {
        return Some(encoding);
    }
    let mut i = 0;
    while i < head.len() {
        if head[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += find(&rest[4..], b"-->").map_or(head.len(), |end| end + 7);
            continue;
        }
        let is_meta = rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && matches!(rest[5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/');
        let (attrs, end) = attributes(&rest[1..]);
        if is_meta {
            if let Some(encoding) = meta_charset(&attrs) {
                return Some(encoding);
            }
        }
        i += 1 + end;
    }
    None
}

fn meta_charset(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    if let Some(charset) = get("charset") {
        return label_encoding(charset);
    }
    let equiv = get("http-equiv")?;
    if !equiv.eq_ignore_ascii_case("content-type") {
        return None;
    }
    label_encoding(charset_param(get("content")?)?)
}

/// `<?xml version="1.0" encoding="windows-1256"?>` at the very start.
fn xml_declaration(head: &[u8]) -> Option<&'static Encoding> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &head[start..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = find(rest, b"?>")?;
    let decl = std::str::from_utf8(&rest[..end]).ok()?;
    let at = decl.find("encoding")?;
    let value = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    label_encoding(&value[..value.find(quote)?])
}

/// A tag's attributes from just after its `<`; also returns where the tag ends. Names are
/// lower-cased; at most a few dozen attributes are kept.
fn attributes(tag: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    // skip the tag name
    let mut i = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(tag.len());
    loop {
        while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        if i >= tag.len() || tag[i] == b'>' {
            return (attrs, i);
        }
        let name_start = i;
        while i < tag.len() && !tag[i].is_ascii_whitespace() && !matches!(tag[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&tag[name_start..i]).to_ascii_lowercase();
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < tag.len() && tag[i] == b'=' {
            i += 1;
            while i < tag.len() && tag[i].is_ascii_whitespace() {
                i += 1;
            }
            let (start, end) = match tag.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = tag[i + 1..].iter().position(|&b| b == q).map_or(tag.len(), |e| i + 1 + e);
                    (i + 1, end)
                }
                _ => {
                    let end = tag[i..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .map_or(tag.len(), |e| i + e);
                    (i, end)
                }
            };
            value = String::from_utf8_lossy(&tag[start..end]).into_owned();
            i = (end + usize::from(end < tag.len() && matches!(tag[end], b'"' | b'\''))).min(tag.len());
        }
        if attrs.len() < 32 {
            attrs.push((name, value));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    fn arabic_1256() -> Vec<u8> {
        WINDOWS_1256.encode("قالت وزارة الصحة في غزة إن عدد الشهداء ارتفع إلى أكثر من مئة").0.into_owned()
    }

    #[test]
    fn a_bom_wins_over_everything() {
        let c = choose(b"\xFF\xFE<\x00", Some("windows-1256"));
        assert_eq!((c.encoding, c.source, c.bom_len), (UTF_16LE, EncodingSource::Bom, 2));
        assert_eq!(choose(b"\xEF\xBB\xBFx", None).bom_len, 3);
    }

    #[test]
    fn the_server_declaration_comes_before_the_documents() {
        let page = [b"<meta charset=utf-8>".as_slice(), &arabic_1256()].concat();
        let c = choose(&page, Some("text/html; charset=windows-1256"));
        assert_eq!((c.encoding, c.source), (WINDOWS_1256, EncodingSource::Declared));
    }

    #[test]
    fn every_in_document_declaration() {
        for head in [
            "<meta charset=\"windows-1256\">",
            "<META CHARSET=windows-1256 />",
            "<!-- <meta charset=utf-8> --><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">",
            "<meta content='text/html; charset=cp1256' http-equiv='content-type'>",
            "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss>",
        ] {
            assert_eq!(document_declaration(head.as_bytes()), Some(WINDOWS_1256), "{head}");
        }
        assert_eq!(document_declaration(b"<meta http-equiv=refresh content='0; charset=x'>"), None);
        assert_eq!(document_declaration(b"<metadata charset=windows-1256>"), None);
        let late = format!("{}<meta charset=windows-1256>", " ".repeat(PRESCAN_LIMIT));
        assert_eq!(document_declaration(late.as_bytes()), None);
    }

    #[test]
    fn iso_8859_6_declared_by_http_equiv() {
        let body = ISO_8859_6.encode("أعلنت الحكومة").0;
        let page =
            [b"<meta http-equiv=\"content-type\" content=\"text/html;charset=ISO-8859-6\">".as_slice(), &body].concat();
        let c = choose(&page, None);
        assert_eq!((c.encoding, c.source), (ISO_8859_6, EncodingSource::Document));
    }

    #[test]
    fn a_label_that_lies_is_caught() {
        let page = format!("<meta charset=windows-1256><p>{}</p>", "قالت الوزارة");
        let c = choose(page.as_bytes(), None);
        assert_eq!((c.encoding, c.overridden), (UTF_8, Some(WINDOWS_1256)));
        // pure ASCII under a legacy label is the same text either way: the label stands
        assert_eq!(choose(b"<meta charset=windows-1256>abc", None).encoding, WINDOWS_1256);
        // a page in windows-1256 that calls itself UTF-8
        let page = [b"<meta charset=utf-8>".as_slice(), &arabic_1256()].concat();
        let c = choose(&page, None);
        assert_eq!((c.encoding, c.overridden), (WINDOWS_1256, Some(UTF_8)));
    }

    #[test]
    fn undeclared_legacy_arabic_is_detected_and_damaged_utf8_stays_utf8() {
        let c = choose(&arabic_1256(), None);
        assert_eq!((c.encoding, c.source), (WINDOWS_1256, EncodingSource::Detected));
        let damaged = ["غزة ولبنان".as_bytes(), b"\xFF"].concat();
        assert_eq!(choose(&damaged, None).encoding, UTF_8);
    }

    #[test]
    fn charset_parameters() {
        assert_eq!(charset_param("text/html; charset=\"windows-1256\""), Some("windows-1256"));
        assert_eq!(charset_param("text/html;Charset=UTF-8;x=y"), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }
}
