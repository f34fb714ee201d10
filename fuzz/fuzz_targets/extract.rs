#![no_main]
//! Any text: extraction never panics and every figure's span lies on character boundaries
//! inside its paragraph and spells the figure's text.

use libfuzzer_sys::fuzz_target;
use qari::article::Story;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs: Vec<String> = text.split('\n').map(String::from).collect();
    let story = Story { title: paragraphs.first().cloned().unwrap_or_default(), paragraphs: paragraphs.clone(), published: Some("2024-11-01".into()), ..Story::default() };
    let facts = qari::extract::extract_story(&story, &[]);
    for f in &facts.figures {
        let source = if f.paragraph < 0 { &story.title } else { &story.paragraphs[f.paragraph as usize] };
        let chars: Vec<char> = source.chars().collect();
        assert!(f.start < f.end && f.end <= chars.len());
        assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
    }
});
