//! Criterion benchmarks of the pure core: layout of news paragraphs at width 0 (one line, as
//! `render --plain --width 0`) and 80, with and without shaping, figure extraction, and a key
//! of a library search over 100,000 stories.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use qari::layout::{layout, LayoutOptions, Layouter};

fn paragraphs() -> Vec<String> {
    let sample = include_str!("../assets/articles/000_d88aa69e352b5fd0.txt");
    let extra = include_str!("../tests/data/paragraphs.txt");
    sample.lines().chain(extra.lines()).filter(|l| l.chars().count() > 40).map(String::from).collect()
}

fn bench_layout(c: &mut Criterion) {
    let paragraphs = paragraphs();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, width, shaping) in [("nowrap-shaped", 0, true), ("nowrap-plain", 0, false), ("wrap80-shaped", 80, true)]
    {
        let options = LayoutOptions { width, shaping, ..LayoutOptions::default() };
        // as the reader lays a block out: visual lines with cells
        group.bench_with_input(BenchmarkId::new("cells", name), &options, |b, options| {
            b.iter(|| paragraphs.iter().map(|p| layout(p, options).lines.len()).sum::<usize>())
        });
        // as `qari render` does: plain lines, the buffers kept from one paragraph to the next
        let mut layouter = Layouter::default();
        let mut out = Vec::new();
        group.bench_with_input(BenchmarkId::new("plain", name), &options, |b, options| {
            b.iter(|| {
                out.clear();
                paragraphs.iter().for_each(|p| layouter.write_plain(p, options, &mut out));
                out.len()
            })
        });
    }
    group.finish();
}

fn bench_extract(c: &mut Criterion) {
    let paragraphs = paragraphs();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("figures", |b| {
        b.iter(|| paragraphs.iter().map(|p| qari::extract::figures_in(p, None).len()).sum::<usize>())
    });
    group.finish();
}

/// A library of 100,000 short stories (the sample's paragraphs, numbers varied), in memory.
fn library_of_stories(n: usize) -> qari::article::Library {
    use qari::article::{Article, Story};
    let lines = paragraphs();
    let stories = (0..n)
        .map(|k| Story {
            title: format!("{k} {}", &lines[k % lines.len()].chars().take(60).collect::<String>()),
            published: Some(format!("20{:02}-{:02}-01", 10 + k % 15, 1 + k % 12)),
            paragraphs: (0..3).map(|p| format!("{} {}", k * 7 + p, lines[(k + p) % lines.len()])).collect(),
            ..Story::default()
        })
        .collect();
    qari::article::Library::from_articles(vec![Article { path: "many".into(), stories }])
}

/// A key typed in a library search over 100,000 stories: the worst case, where the query is
/// not an extension of the one before and the whole index is searched.
fn bench_library_search(c: &mut Criterion) {
    let library = library_of_stories(100_000);
    let mut index = qari::app::library_index::LibraryIndex::new(&library);
    let mut group = c.benchmark_group("library-search");
    group.sample_size(20);
    let queries = ["غزة", "لبنان", "زلزال"];
    let mut k = 0;
    group.bench_function("key-100k-stories", |b| {
        b.iter(|| {
            k += 1;
            index.search(queries[k % queries.len()]).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_layout, bench_extract, bench_library_search);
criterion_main!(benches);
