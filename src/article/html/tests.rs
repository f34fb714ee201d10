//! The page parser on small pages written for each rule; whole pages in the shapes of real
//! news sites are in tests/data/html/ (see tests/html_pages.rs).

use super::*;

fn page(body: &str) -> String {
    format!("<!doctype html><html><head><title>T</title></head><body>{body}</body></html>")
}

#[test]
fn paragraphs_of_the_article_and_nothing_around_it() {
    let html = page(
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>\
         <div class='share-bar'><a href='#'>Share on Facebook</a></div>\
         <article><h1>Headline of the story</h1>\
         <p>First paragraph, long enough to count as text in the body of the article.</p>\
         <p>Second paragraph, with an <a href='/x'>inline link</a> and <b>emphasis</b>, also long.</p>\
         </article><footer>© Site 2024, all rights reserved, terms, privacy</footer>",
    );
    let s = parse_html(&html, None);
    assert_eq!(
        s.paragraphs,
        vec![
            "First paragraph, long enough to count as text in the body of the article.",
            "Second paragraph, with an inline link and emphasis, also long."
        ]
    );
    assert_eq!(s.title, "Headline of the story");
}

#[test]
fn scripts_and_styles_are_never_text_and_escapes_are_made_visible() {
    let html = page(
        "<article><p>Text &#27;[31m here, long enough to be the body of this article, with commas, yes.</p>\
         <script>document.write('evil text')</script><style>p{color:red}</style>\
         <noscript>Enable JavaScript to read this site properly, please.</noscript>\
         <template><p>Template text that is never shown to anyone.</p></template></article>",
    );
    let s = parse_html(&html, None);
    assert_eq!(
        s.paragraphs,
        vec!["Text \u{241B}[31m here, long enough to be the body of this article, with commas, yes."]
    );
}

#[test]
fn javascript_and_data_links_are_dropped_and_relative_ones_resolved() {
    let html = page(
        "<article><p>Body paragraph long enough to be the article, with a comma, and more words.</p>\
         <p>اقرأ أيضاً: <a href='javascript:alert(1)'>عنوان خبر خطير جداً</a></p>\
         <p>اقرأ أيضاً: <a href='data:text/html,x'>عنوان خبر آخر هنا</a></p>\
         <p>اقرأ أيضاً: <a href='../b.html'>عنوان الخبر المرتبط</a></p></article>",
    );
    let s = parse_html(&html, Some("https://example.com/news/a/page.html"));
    let links: Vec<(&str, Option<&str>)> = s.linked.iter().map(|l| (l.title.as_str(), l.url.as_deref())).collect();
    assert_eq!(links, vec![("عنوان الخبر المرتبط", Some("https://example.com/news/b.html"))]);
    assert_eq!(s.paragraphs.len(), 1);
}

#[test]
fn sniffs_html() {
    assert!(looks_like_html("\u{FEFF}  <!DOCTYPE html><html>"));
    assert!(looks_like_html("<!-- saved from url=(0014)about:internet -->\n<html lang=ar>"));
    assert!(!looks_like_html("عنوان\n<html> في نص"));
}
