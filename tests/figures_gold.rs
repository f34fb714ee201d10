//! Precision and recall of the figure reader on paragraphs written for it in several styles
//! (economy, disasters, sport, elections, health, weather): tests/data/figures-gold.txt.
//! A figure counts as found when kind, value, label, qualifier, unit and currency all match.

use qari::extract::figures_in;

#[derive(Debug, PartialEq, Eq, Clone)]
struct Fig(String, String, String, String, String, String);

fn gold() -> Vec<(String, Vec<Fig>)> {
    read_set(include_str!("data/figures-gold.txt"))
}

fn read_set(text: &str) -> Vec<(String, Vec<Fig>)> {
    let mut out: Vec<(String, Vec<Fig>)> = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
        let Some((para, figs)) = lines.split_first() else { continue };
        let figs = figs
            .iter()
            .map(|l| {
                let f: Vec<String> =
                    l.split(' ').map(|s| if s == "-" { String::new() } else { s.to_string() }).collect();
                Fig(f[0].clone(), f[1].clone(), f[2].clone(), f[3].clone(), f[4].clone(), f[5].clone())
            })
            .collect();
        out.push((para.to_string(), figs));
    }
    out
}

/// (precision, recall, expected, misses) on a set.
fn measure(set: Vec<(String, Vec<Fig>)>) -> (f64, f64, usize, Vec<String>) {
    let (mut found, mut expected, mut correct) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (para, want) in set {
        let got: Vec<Fig> = figures_in(&para, None)
            .into_iter()
            .map(|f| {
                let s = |o: Option<String>| o.unwrap_or_default();
                Fig(f.kind.name().into(), f.value.to_string(), s(f.label), s(f.qualifier), s(f.unit), s(f.currency))
            })
            .collect();
        found += got.len();
        expected += want.len();
        let mut left = got.clone();
        for w in &want {
            if let Some(i) = left.iter().position(|g| g == w) {
                left.remove(i);
                correct += 1;
            } else {
                misses.push(format!("missed {w:?} in «{para}»"));
            }
        }
        misses.extend(left.into_iter().map(|g| format!("extra {g:?} in «{para}»")));
    }
    let precision = correct as f64 / found.max(1) as f64;
    let recall = correct as f64 / expected.max(1) as f64;
    println!(
        "figures: {correct} right of {found} found, {expected} expected: precision {precision:.3}, recall {recall:.3}"
    );
    for m in &misses {
        println!("  {m}");
    }
    (precision, recall, expected, misses)
}

#[test]
fn precision_and_recall_on_written_news() {
    let (precision, recall, expected, misses) = measure(gold());
    assert!(expected >= 60, "the set holds {expected} figures");
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}:\n{}",
        misses.join("\n")
    );
}

#[test]
fn precision_and_recall_on_held_out_news() {
    let (precision, recall, expected, misses) = measure(read_set(include_str!("data/figures-heldout.txt")));
    assert!(expected >= 25, "the set holds {expected} figures");
    assert!(precision >= 0.8 && recall >= 0.8, "precision {precision:.3}, recall {recall:.3}:\n{}", misses.join("\n"));
}
