//! Word clusters from unlabelled Arabic news: every frequent word stem gets a vector of its
//! neighbours (the words one and two to the left and right, weighted by positive PMI), and the
//! vectors are split in two again and again (spherical 2-means, fixed seed) into a binary tree
//! whose paths play the part of Brown-cluster bit strings. Deterministic; about a minute.

use flate2::read::GzDecoder;
use khabar::Lang;
use khabar::lang::ar::tagger::stem;
use khabar::lang::ar::word_clusters::MAX_DEPTH;
use khabar::stages::segment::Doc;
use rustc_hash::FxHashMap as HashMap;
use std::io::BufRead;

/// Context words: the most frequent tokens (punctuation included).
const CONTEXTS: usize = 1500;
/// Neighbour positions counted: -2, -1, +1, +2.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// Stems kept: at least this frequent, and at most this many (the shipped table's size).
const MIN_COUNT: u32 = 30;
const MAX_WORDS: usize = 24_000;
/// 2-means iterations per split.
const ITERATIONS: usize = 8;

/// The clusters of the news in `path` (JSON lines, gzipped, with a "text" field): (stem, path).
pub fn build(path: &str) -> Vec<(String, u16)> {
    let t0 = std::time::Instant::now();
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let reader = std::io::BufReader::new(GzDecoder::new(std::io::BufReader::new(file)));
    // Token stream as ids (u32::MAX between articles) over an interned vocabulary of folded tokens.
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut stream: Vec<u32> = Vec::new();
    let mut articles = 0usize;
    for line in reader.lines() {
        let line = line.unwrap_or_else(|e| panic!("{path}: {e}"));
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let doc = Doc::new(text, Lang::Ar);
        for i in 0..doc.tokens.len() {
            let w = doc.ftok(i);
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    ids.insert(w.to_string(), id);
                    names.push(w.to_string());
                    id
                }
            };
            stream.push(id);
        }
        stream.push(u32::MAX);
        articles += 1;
    }
    eprintln!("clusters: {articles} articles, {} tokens, {} types read in {:.0}s", stream.len() - articles, names.len(), t0.elapsed().as_secs_f64());

    // Contexts: the most frequent token types.
    let mut freq = vec![0u32; names.len()];
    for &id in stream.iter().filter(|&&id| id != u32::MAX) {
        freq[id as usize] += 1;
    }
    let mut by_freq: Vec<u32> = (0..names.len() as u32).collect();
    by_freq.sort_by(|&a, &b| freq[b as usize].cmp(&freq[a as usize]).then_with(|| names[a as usize].cmp(&names[b as usize])));
    let mut context_of = vec![u32::MAX; names.len()];
    for (c, &id) in by_freq.iter().take(CONTEXTS).enumerate() {
        context_of[id as usize] = c as u32;
    }

    // Words: stems of letter tokens, most frequent first.
    let mut stem_ids: HashMap<&str, u32> = HashMap::default();
    let mut stems: Vec<&str> = Vec::new();
    let stem_of: Vec<u32> = names
        .iter()
        .map(|w| {
            if !w.chars().all(|c| c.is_alphabetic()) {
                return u32::MAX;
            }
            let s = stem(w);
            if s.chars().count() < 2 {
                return u32::MAX;
            }
            *stem_ids.entry(s).or_insert_with(|| {
                stems.push(s);
                stems.len() as u32 - 1
            })
        })
        .collect();
    let mut stem_freq = vec![0u32; stems.len()];
    for (id, &f) in freq.iter().enumerate() {
        if stem_of[id] != u32::MAX {
            stem_freq[stem_of[id] as usize] += f;
        }
    }
    let mut kept: Vec<u32> = (0..stems.len() as u32).filter(|&s| stem_freq[s as usize] >= MIN_COUNT).collect();
    kept.sort_by(|&a, &b| stem_freq[b as usize].cmp(&stem_freq[a as usize]).then_with(|| stems[a as usize].cmp(stems[b as usize])));
    kept.truncate(MAX_WORDS);
    let mut row_of = vec![u32::MAX; stems.len()];
    for (r, &s) in kept.iter().enumerate() {
        row_of[s as usize] = r as u32;
    }

    // Co-occurrence counts per kept stem.
    let dims = CONTEXTS * OFFSETS.len();
    let mut rows: Vec<HashMap<u32, u32>> = vec![HashMap::default(); kept.len()];
    for (i, &id) in stream.iter().enumerate() {
        if id == u32::MAX || stem_of[id as usize] == u32::MAX {
            continue;
        }
        let r = row_of[stem_of[id as usize] as usize];
        if r == u32::MAX {
            continue;
        }
        for (k, &off) in OFFSETS.iter().enumerate() {
            let j = i as isize + off;
            // Never across an article boundary.
            let between = if off < 0 { j.max(0) as usize..i } else { i + 1..(j as usize + 1).min(stream.len()) };
            if j < 0 || j as usize >= stream.len() || stream[between].contains(&u32::MAX) {
                continue;
            }
            let c = context_of[stream[j as usize] as usize];
            if c != u32::MAX {
                *rows[r as usize].entry(k as u32 * CONTEXTS as u32 + c).or_default() += 1;
            }
        }
    }
    // Positive PMI, then unit length.
    let mut col_total = vec![0f64; dims];
    let mut total = 0f64;
    for row in &rows {
        for (&d, &n) in row {
            col_total[d as usize] += n as f64;
            total += n as f64;
        }
    }
    let vectors: Vec<Vec<(u32, f32)>> = rows
        .iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&n| n as f64).sum();
            let mut v: Vec<(u32, f32)> = row
                .iter()
                .filter_map(|(&d, &n)| {
                    let pmi = ((n as f64 * total) / (row_total * col_total[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| x.1 /= norm);
            v
        })
        .collect();
    drop(rows);
    eprintln!("clusters: {} words, {} dimensions, vectors in {:.0}s", kept.len(), dims, t0.elapsed().as_secs_f64());

    // Top-down splits; each word's path records the side taken at every level.
    let mut paths = vec![1u16; kept.len()];
    let mut nodes: Vec<Vec<usize>> = vec![(0..kept.len()).collect()];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..MAX_DEPTH {
        let mut next = Vec::new();
        for members in nodes {
            if members.len() < 2 {
                continue;
            }
            let (left, right) = split(&vectors, &members, dims, &mut seed);
            for &m in &left {
                paths[m] <<= 1;
            }
            for &m in &right {
                paths[m] = paths[m] << 1 | 1;
            }
            next.push(left);
            next.push(right);
        }
        nodes = next;
    }
    eprintln!("clusters: tree built in {:.0}s", t0.elapsed().as_secs_f64());
    kept.iter().zip(paths).map(|(&s, p)| (stems[s as usize].to_string(), p)).collect()
}

fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn dot(v: &[(u32, f32)], centroid: &[f32]) -> f32 {
    v.iter().map(|&(d, x)| x * centroid[d as usize]).sum()
}

/// Spherical 2-means over `members`: the two sides, both non-empty.
fn split(vectors: &[Vec<(u32, f32)>], members: &[usize], dims: usize, seed: &mut u64) -> (Vec<usize>, Vec<usize>) {
    // Seeds: a random member, and the member least like it.
    let a = members[(xorshift(seed) % members.len() as u64) as usize];
    let mut dense_a = vec![0f32; dims];
    for &(d, x) in &vectors[a] {
        dense_a[d as usize] = x;
    }
    let b = *members.iter().min_by(|&&x, &&y| dot(&vectors[x], &dense_a).total_cmp(&dot(&vectors[y], &dense_a)).then(x.cmp(&y))).unwrap_or(&a);
    let mut centroids = [dense_a, vec![0f32; dims]];
    for &(d, x) in &vectors[b] {
        centroids[1][d as usize] = x;
    }
    let mut side = vec![false; members.len()];
    for _ in 0..ITERATIONS {
        for (k, &m) in members.iter().enumerate() {
            side[k] = dot(&vectors[m], &centroids[1]) > dot(&vectors[m], &centroids[0]);
        }
        let mut sums = [vec![0f32; dims], vec![0f32; dims]];
        for (k, &m) in members.iter().enumerate() {
            for &(d, x) in &vectors[m] {
                sums[side[k] as usize][d as usize] += x;
            }
        }
        for s in sums.iter_mut() {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            s.iter_mut().for_each(|x| *x /= norm);
        }
        centroids = sums;
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (k, &m) in members.iter().enumerate() {
        if side[k] { right.push(m) } else { left.push(m) }
    }
    if left.is_empty() || right.is_empty() {
        // Identical vectors: halve by order so the tree still deepens.
        let all: Vec<usize> = left.into_iter().chain(right).collect();
        let (l, r) = all.split_at(all.len() / 2);
        return (l.to_vec(), r.to_vec());
    }
    (left, right)
}
