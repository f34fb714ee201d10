//! Numbers as the interface writes them: western or Arabic-Indic digits, grouped as the
//! locale groups them (43,204 / ٤٣٬٢٠٤). Article text is never passed through here.

use super::Digits;

const ARABIC_INDIC: [char; 10] = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];

/// ASCII digits in `text` written in `digits`; the rest as it is (dates, times).
pub fn with_digits(text: &str, digits: Digits) -> String {
    match digits {
        Digits::Western => text.to_string(),
        Digits::ArabicIndic => text
            .chars()
            .map(|c| c.to_digit(10).filter(|_| c.is_ascii_digit()).map_or(c, |d| ARABIC_INDIC[d as usize]))
            .collect(),
    }
}

/// A number in plain ASCII (`-1234.5`) grouped by thousands and written in `digits`:
/// `-1,234.5` or `-١٬٢٣٤٫٥`. Anything that is not such a number is only re-digited.
pub fn grouped(number: &str, digits: Digits) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (whole, fraction) = rest.split_once('.').map_or((rest, None), |(w, f)| (w, Some(f)));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return with_digits(number, digits);
    }
    let (group, point) = match digits {
        Digits::Western => (',', '.'),
        Digits::ArabicIndic => ('\u{066C}', '\u{066B}'),
    };
    let mut out = String::with_capacity(number.len() + number.len() / 3 + 2);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push(point);
        out.push_str(f);
    }
    with_digits(&out, digits)
}

/// A percentage: `45%` or `٤٥٪`.
pub fn percent(n: usize, digits: Digits) -> String {
    let sign = if digits == Digits::ArabicIndic { '٪' } else { '%' };
    format!("{}{sign}", grouped(&n.to_string(), digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_follows_the_digits() {
        assert_eq!(grouped("43204", Digits::Western), "43,204");
        assert_eq!(grouped("43204", Digits::ArabicIndic), "٤٣٬٢٠٤");
        assert_eq!(grouped("1250", Digits::Western), "1,250");
        assert_eq!(grouped("999", Digits::Western), "999");
        assert_eq!(grouped("1000000", Digits::Western), "1,000,000");
        assert_eq!(grouped("-2500.75", Digits::ArabicIndic), "-٢٬٥٠٠٫٧٥");
        assert_eq!(grouped("24.5", Digits::Western), "24.5");
        assert_eq!(grouped("23:11", Digits::ArabicIndic), "٢٣:١١", "not a number: digits only");
    }

    #[test]
    fn percentages_take_the_sign_of_their_digits() {
        assert_eq!(percent(45, Digits::Western), "45%");
        assert_eq!(percent(100, Digits::ArabicIndic), "١٠٠٪");
    }
}
