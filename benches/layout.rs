//! Criterion benchmarks of the pure core: layout of news paragraphs at width 0 (one line, as
//! `render --plain --width 0`) and 80, with and without shaping, and figure extraction.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use qari::layout::{layout, LayoutOptions};

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
        group.bench_with_input(BenchmarkId::from_parameter(name), &options, |b, options| {
            b.iter(|| paragraphs.iter().map(|p| layout(p, options).lines.len()).sum::<usize>())
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

criterion_group!(benches, bench_layout, bench_extract);
criterion_main!(benches);
