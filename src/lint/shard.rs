//! `--shard K/N`: one machine's part of a tenant list, so that an existing batch system (a
//! Kubernetes indexed Job, a CI matrix) can split a run across machines. The tenants are
//! sorted by path and dealt round-robin: N machines given the same list and K = 1..N lint
//! every tenant exactly once, with shard sizes differing by at most one.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let usage = || format!("'{text}' is not a shard: write K/N with 1 <= K <= N, e.g. 2/8");
        let (index, count) = text.split_once('/').ok_or_else(usage)?;
        let index: usize = index.trim().parse().map_err(|_| usage())?;
        let count: usize = count.trim().parse().map_err(|_| usage())?;
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// This shard's tenants, in path order.
    pub fn select(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut sorted: Vec<&PathBuf> = paths.iter().collect();
        sorted.sort_by_key(|path| path.display().to_string());
        sorted.dedup();
        sorted.into_iter().skip(self.index - 1).step_by(self.count).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(n: usize) -> Vec<PathBuf> {
        // Given out of order: shards are dealt from the sorted list.
        (0..n).rev().map(|i| PathBuf::from(format!("tenants/t{i:03}"))).collect()
    }

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        assert_eq!("1/1".parse::<Shard>(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/4", "5/4", "1/0", "3", "a/b", "1/2/3", "-1/4", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_cover_every_tenant_exactly_once() {
        let all = paths(23);
        let mut seen: Vec<PathBuf> = Vec::new();
        for index in 1..=4 {
            let part = Shard { index, count: 4 }.select(&all);
            assert!(part.len() == 5 || part.len() == 6, "{index}: {}", part.len());
            assert!(part.windows(2).all(|w| w[0] < w[1]), "in path order");
            seen.extend(part);
        }
        seen.sort();
        let mut expected = all.clone();
        expected.sort();
        assert_eq!(seen, expected);
    }

    #[test]
    fn the_split_does_not_depend_on_the_order_paths_are_given_in() {
        let all = paths(10);
        let mut reversed = all.clone();
        reversed.reverse();
        let shard = Shard { index: 3, count: 4 };
        assert_eq!(shard.select(&all), shard.select(&reversed));
        assert_eq!(shard.select(&all), [PathBuf::from("tenants/t002"), PathBuf::from("tenants/t006")]);
    }

    #[test]
    fn more_shards_than_tenants_leaves_some_empty() {
        assert!(Shard { index: 5, count: 8 }.select(&paths(3)).is_empty());
    }
}
