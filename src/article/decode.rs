//! Bytes to text: what a scraped file really holds, repaired where it can be, refused where
//! it is not text at all.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use thiserror::Error;

use crate::article::charset::{self, EncodingSource};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("{path}: binary file (not text): {why}")]
    Binary { path: String, why: &'static str },
}

/// Text ready for parsing: line ends are `\n`, controls are visible symbols.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// How many invalid byte sequences were replaced by U+FFFD.
    pub bad_sequences: usize,
    /// The encoding the bytes were read in.
    pub encoding: &'static Encoding,
    /// Where that encoding came from.
    pub source: EncodingSource,
    /// A declared encoding that the bytes contradicted (UTF-8 bytes labelled windows-1256).
    pub overridden: Option<&'static Encoding>,
}

impl Decoded {
    /// What the user should be told about how the bytes were read, when it is worth telling:
    /// an encoding other than UTF-8, a declaration not believed, repaired bytes.
    pub fn notice(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(wrong) = self.overridden {
            parts.push(format!(
                "declared {} but read as {} ({})",
                wrong.name(),
                self.encoding.name(),
                self.source.describe()
            ));
        } else if self.encoding != UTF_8 {
            parts.push(format!("read as {} ({})", self.encoding.name(), self.source.describe()));
        }
        if self.bad_sequences > 0 {
            let what = if self.encoding == UTF_8 { "invalid UTF-8 sequence(s)" } else { "invalid byte sequence(s)" };
            parts.push(format!("{} {what} replaced with �", self.bad_sequences));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// Decodes a file's bytes, nothing declared from outside. `path` only names the file in errors.
pub fn decode(bytes: &[u8], path: &str) -> Result<Decoded, DecodeError> {
    decode_declared(bytes, None, path)
}

/// Decodes bytes in the encoding [`charset::choose`] finds: byte order mark, then `declared`
/// (a charset label or a whole HTTP `Content-Type` value), then the document's own
/// declaration, then detection; a declaration the bytes contradict is not believed. Binary
/// data is refused; the text comes out sanitized with `\n` line ends.
pub fn decode_declared(bytes: &[u8], declared: Option<&str>, path: &str) -> Result<Decoded, DecodeError> {
    let choice = charset::choose(bytes, declared);
    let bytes = &bytes[choice.bom_len..];
    let utf16 = choice.encoding == UTF_16LE || choice.encoding == UTF_16BE;
    if !utf16 {
        if let Some(why) = binary_reason(bytes) {
            return Err(DecodeError::Binary { path: path.to_string(), why });
        }
    }
    let (text, bad_sequences) =
        if choice.encoding == UTF_8 { decode_chunk(bytes) } else { decode_legacy(bytes, choice.encoding) };
    Ok(Decoded { text, bad_sequences, encoding: choice.encoding, source: choice.source, overridden: choice.overridden })
}

/// Any encoding but UTF-8 through encoding_rs, counting the sequences it had to replace.
fn decode_legacy(bytes: &[u8], encoding: &'static Encoding) -> (String, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3));
    let mut bad = 0;
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                out.push(char::REPLACEMENT_CHARACTER);
                bad += 1;
            }
            DecoderResult::OutputFull => out.reserve(rest.len() * 3 + 16),
        }
    }
    (clean(out), bad)
}

/// UTF-8 bytes (a file, a line or a chunk of a stream) to clean text: lossy, a leading BOM
/// dropped, line ends unified, sanitized. Returns the text and how many invalid sequences
/// were replaced.
pub fn decode_chunk(bytes: &[u8]) -> (String, usize) {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // checked with SIMD: std's check goes byte by byte through Arabic text
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => (clean(text.to_string()), 0),
        Err(_) => {
            let (text, bad) = decode_utf8_lossy(bytes);
            (clean(text), bad)
        }
    }
}

/// Line ends unified and controls made visible; the text itself when there is nothing to do
/// (the usual case), so a large file is not copied again.
fn clean(text: String) -> String {
    if !may_need_sanitizing(text.as_bytes()) || !text.chars().any(needs_sanitizing) {
        return text;
    }
    sanitize(&normalize_line_ends(&text)).into_owned()
}

/// Whether a stream's first bytes are UTF-16 (it must then be decoded whole).
pub fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// Binary check for a stream's first chunk.
pub fn check_not_binary(bytes: &[u8], path: &str) -> Result<(), DecodeError> {
    match binary_reason(bytes) {
        Some(why) => Err(DecodeError::Binary { path: path.to_string(), why }),
        None => Ok(()),
    }
}

/// Lossy UTF-8 that also counts the repairs, so the user can be told the file was damaged.
fn decode_utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
            bad += 1;
        }
    }
    (out, bad)
}

/// Text files never hold NUL; files that are mostly control bytes are not text either.
fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    if bytes.contains(&0) {
        return Some("it contains NUL bytes");
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B)).count();
    (sample.len() >= 16 && controls * 10 > sample.len()).then_some("it is mostly control bytes")
}

fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Controls never reach the terminal: C0 and DEL become their visible Control Pictures, C1
/// (including the 8-bit CSI U+009B) becomes U+FFFD, tabs become spaces, Unicode line and
/// paragraph separators become line ends. Bidi format characters are kept: they steer layout.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !may_need_sanitizing(text.as_bytes()) || !text.chars().any(needs_sanitizing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(sanitize_char).collect())
}

/// A byte-level first look: C0 but the line feed, DEL, C1 (UTF-8 0xC2 0x80–0x9F) and the
/// line/paragraph separators (0xE2 0x80 0xA8/0xA9) are the only things sanitizing changes.
fn may_need_sanitizing(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| (b < 0x20 && b != b'\n') || b == 0x7F || b == 0xC2 || b == 0xE2)
}

fn needs_sanitizing(c: char) -> bool {
    (c.is_control() && c != '\n') || c == '\u{2028}' || c == '\u{2029}'
}

/// [`sanitize`] for one line: a line end inside it is shown as ␤ too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(t) if !t.contains('\n') => Cow::Borrowed(t),
        other => Cow::Owned(other.replace('\n', "\u{2424}")),
    }
}

pub fn sanitize_char(c: char) -> char {
    match c {
        '\n' | '\u{2028}' | '\u{2029}' => '\n',
        '\t' => ' ',
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        '\u{80}'..='\u{9F}' => '\u{FFFD}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_bom_and_accepts_every_line_end() {
        let d = decode(b"\xEF\xBB\xBFa\r\nb\rc\n", "f").unwrap();
        assert_eq!(d.text, "a\nb\nc\n");
        assert_eq!(d.bad_sequences, 0);
    }

    #[test]
    fn repairs_bad_bytes_and_keeps_every_valid_char_around_them() {
        let d = decode(
            "غزة"
                .as_bytes()
                .iter()
                .chain(b"\xFF\xFE!")
                .chain("لبنان".as_bytes())
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
            "f",
        )
        .unwrap();
        assert_eq!(d.text, "غزة\u{FFFD}\u{FFFD}!لبنان");
        assert_eq!(d.bad_sequences, 2);
    }

    #[test]
    fn reads_utf16_with_either_bom() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("غزة\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("غزة\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le, "f").unwrap().text, "غزة\n");
        assert_eq!(decode(&be, "f").unwrap().text, "غزة\n");
    }

    #[test]
    fn refuses_binary_naming_the_file() {
        let err = decode(b"PK\x03\x04\x00\x00", "a.zip").unwrap_err();
        assert_eq!(err.to_string(), "a.zip: binary file (not text): it contains NUL bytes");
        let controls: Vec<u8> = (0..64).map(|i| (i % 8) as u8 + 1).collect();
        assert!(decode(&controls, "x").is_err());
    }

    #[test]
    fn controls_become_visible_and_escapes_cannot_run() {
        let d = decode(b"a\x1b[31mb\x07\x7f\xc2\x9bc\td", "f").unwrap();
        assert_eq!(d.text, "a\u{241B}[31mb\u{2407}\u{2421}\u{FFFD}c d");
        assert!(!d.text.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn legacy_arabic_reads_as_arabic_and_says_how() {
        let text = "عنوان الخبر\r\nقالت الوزارة إن الوضع خطير.\r\n";
        let d = decode(&encoding_rs::WINDOWS_1256.encode(text).0, "a.txt").unwrap();
        assert_eq!(d.text, "عنوان الخبر\nقالت الوزارة إن الوضع خطير.\n");
        assert_eq!(d.notice().as_deref(), Some("read as windows-1256 (detected)"));
        let page = format!("<meta charset=windows-1256><p>{text}</p>");
        let d = decode(page.as_bytes(), "a.html").unwrap();
        assert!(d.text.contains("قالت الوزارة"));
        assert_eq!(d.notice().as_deref(), Some("declared windows-1256 but read as UTF-8 (detected)"));
        assert_eq!(decode("نص".as_bytes(), "a.txt").unwrap().notice(), None);
    }

    #[test]
    fn a_declared_charset_from_outside_is_used() {
        let bytes = encoding_rs::ISO_8859_6.encode("غزة").0;
        let d = decode_declared(&bytes, Some("text/plain; charset=iso-8859-6"), "-").unwrap();
        assert_eq!(d.text, "غزة");
        assert_eq!(d.notice().as_deref(), Some("read as ISO-8859-6 (declared by the server)"));
        let utf16: Vec<u8> = "غزة".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode_declared(&utf16, Some("utf-16le"), "-").unwrap().text, "غزة");
    }

    #[test]
    fn bidi_format_characters_are_kept() {
        assert_eq!(sanitize("a\u{202E}b\u{2066}c"), "a\u{202E}b\u{2066}c");
    }
}
