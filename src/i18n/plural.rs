//! CLDR plural categories for whole numbers, the only numbers the interface counts with.
//! Two small rules written out (checked against CLDR's own examples in the tests) rather than
//! a plural-rules crate with its locale machinery.

/// The CLDR categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// Arabic: zero 0; one 1; two 2; few n % 100 in 3..=10; many n % 100 in 11..=99; other
/// (100, 101, 102, 1000…).
pub fn arabic(n: u64) -> Category {
    match (n, n % 100) {
        (0, _) => Category::Zero,
        (1, _) => Category::One,
        (2, _) => Category::Two,
        (_, 3..=10) => Category::Few,
        (_, 11..=99) => Category::Many,
        _ => Category::Other,
    }
}

/// English: one 1; other.
pub fn english(n: u64) -> Category {
    if n == 1 {
        Category::One
    } else {
        Category::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_follows_cldr() {
        // the example ranges CLDR gives for `ar` (integers)
        let cases: &[(Category, &[u64])] = &[
            (Category::Zero, &[0]),
            (Category::One, &[1]),
            (Category::Two, &[2]),
            (Category::Few, &[3, 4, 9, 10, 103, 110, 1003, 1010]),
            (Category::Many, &[11, 26, 99, 111, 1011, 1099]),
            (Category::Other, &[100, 101, 102, 200, 1000, 10000, 100000]),
        ];
        for (category, numbers) in cases {
            for &n in *numbers {
                assert_eq!(arabic(n), *category, "{n}");
            }
        }
    }

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(english(1), Category::One);
        for n in [0, 2, 11, 101] {
            assert_eq!(english(n), Category::Other);
        }
    }
}
