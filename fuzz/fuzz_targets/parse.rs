#![no_main]
//! Any bytes, as a text file and as a JSON file: decoding and parsing never panic, and every
//! story they give back holds no control character that could reach a terminal.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.txt", "fuzz.json"] {
        if let Ok(loaded) = qari::article::load_bytes(data, name) {
            for story in &loaded.article.stories {
                for text in std::iter::once(&story.title).chain(&story.paragraphs) {
                    assert!(!text.chars().any(|c| c.is_control()), "control char in {text:?}");
                }
            }
        }
    }
});
