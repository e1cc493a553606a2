//! The intervals around each figure: Wilson for a rate, order statistics for a median, the
//! log ratio for an uplift. Pure arithmetic; the level and `z` come from `rules/deals.toml`.

/// The Wilson score interval of `successes` out of `n` (`n > 0`).
pub fn wilson(successes: u64, n: u64, z: f64) -> (f64, f64) {
    let (k, n) = (successes as f64, n as f64);
    let p = k / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The median of sorted values (the mean of the middle two for an even count): the
/// definition [`median_and_interval`] is tested against.
#[cfg(test)]
pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// A distribution-free interval for the median of sorted values: `[x(k), x(n-k+1)]` with
/// the largest `k` whose lower binomial(n, 1/2) tail `P(X <= k-1)` is at most
/// `(1 - level)/2`, so it covers the median with at least `level` whatever the values'
/// distribution. `None` when even the smallest and largest value do not (n < 6 at 95 %).
#[cfg(test)]
pub fn median_interval(sorted: &[f64], level: f64) -> Option<(f64, f64)> {
    let n = sorted.len();
    median_rank(n, level).map(|k| (sorted[k - 1], sorted[n - k]))
}

/// The `k` of [`median_interval`] for `n` values, or `None` when there is no interval.
fn median_rank(n: usize, level: f64) -> Option<usize> {
    let tail = (1.0 - level) / 2.0;
    // P(X = j) in logs, so that 2^-n does not underflow for large n.
    let mut log_pmf = -(n as f64) * std::f64::consts::LN_2;
    let mut cdf = 0.0;
    let mut k = 0;
    for j in 0..n {
        cdf += log_pmf.exp();
        if cdf > tail {
            break;
        }
        k = j + 1;
        log_pmf += ((n - j) as f64).ln() - ((j + 1) as f64).ln();
    }
    (k >= 1 && k <= n - k + 1).then_some(k)
}

/// [`median`] and [`median_interval`] of values in any order, by selection rather than a
/// full sort (the order of `values` is changed): the same numbers in linear time.
pub fn median_and_interval(values: &mut [f64], level: f64) -> (f64, Option<(f64, f64)>) {
    let n = values.len();
    let mid = n / 2;
    let (left, at_mid, right) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let at_mid = *at_mid;
    let median = if n % 2 == 1 {
        at_mid
    } else {
        let below = left
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .unwrap_or(at_mid);
        (below + at_mid) / 2.0
    };
    let interval = median_rank(n, level).map(|k| {
        // Rank k-1 (0-based) lies in the left part or at the middle; rank n-k in the
        // right part or at the middle.
        let low = if k - 1 < mid {
            *left.select_nth_unstable_by(k - 1, f64::total_cmp).1
        } else {
            at_mid
        };
        let high = if n - k > mid {
            *right
                .select_nth_unstable_by(n - k - mid - 1, f64::total_cmp)
                .1
        } else {
            at_mid
        };
        (low, high)
    });
    (median, interval)
}

/// The ratio of two rates `a/n1` over `b/n2`, with its interval from the normal
/// approximation of its logarithm (Katz). `None` when either rate is 0.
pub fn ratio(a: u64, n1: u64, b: u64, n2: u64, z: f64) -> Option<(f64, f64, f64)> {
    if a == 0 || b == 0 {
        return None;
    }
    let (a, n1, b, n2) = (a as f64, n1 as f64, b as f64, n2 as f64);
    let point = (a / n1) / (b / n2);
    let se = (1.0 / a - 1.0 / n1 + 1.0 / b - 1.0 / n2).sqrt();
    Some((point, point * (-z * se).exp(), point * (z * se).exp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const Z: f64 = 1.959964;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn wilson_matches_hand_computed_values() {
        // 3 of 4: centre (0.75 + 0.4802)/1.9604, half 1.96*sqrt(0.046875 + 0.060025)/1.9604.
        let (lo, hi) = wilson(3, 4, Z);
        assert!(close(lo, 0.3006) && close(hi, 0.9544), "{lo} {hi}");
        // 0 of 10 keeps a non-zero upper bound: z^2/(n + z^2).
        let (lo, hi) = wilson(0, 10, Z);
        assert!(lo == 0.0 && close(hi, 0.2775), "{hi}");
    }

    #[test]
    fn median_interval_uses_binomial_ranks() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(median(&values), 5.5);
        // n = 10: P(X <= 1) = 11/1024 <= 0.025 < P(X <= 2) = 56/1024, so k = 2: [x2, x9].
        assert_eq!(median_interval(&values, 0.95), Some((2.0, 9.0)));
        // n = 6: P(X = 0) = 1/64 <= 0.025, so k = 1: the whole range.
        assert_eq!(median_interval(&values[..6], 0.95), Some((1.0, 6.0)));
        // n = 5: P(X = 0) = 1/32 > 0.025, no interval at 95 %.
        assert_eq!(median_interval(&values[..5], 0.95), None);
    }

    #[test]
    fn median_interval_stays_finite_for_large_n() {
        let values: Vec<f64> = (0..100_000).map(f64::from).collect();
        let (lo, hi) = median_interval(&values, 0.95).unwrap();
        // About n/2 -+ 1.96 sqrt(n)/2 = 50000 -+ 310.
        assert!((49_680.0..49_700.0).contains(&lo) && (50_300.0..50_320.0).contains(&hi));
    }

    #[test]
    fn ratio_of_rates_with_its_interval() {
        // 6/10 against 3/10: 2.0, se = sqrt(1/6 - 1/10 + 1/3 - 1/10) = sqrt(0.3).
        let (point, lo, hi) = ratio(6, 10, 3, 10, Z).unwrap();
        let se = 0.3f64.sqrt();
        assert!(close(point, 2.0));
        assert!(close(lo, 2.0 * (-Z * se).exp()) && close(hi, 2.0 * (Z * se).exp()));
        assert_eq!(ratio(0, 10, 3, 10, Z), None);
    }

    #[test]
    fn selection_gives_the_figures_of_sorting() {
        let mut state = 12_345_u64;
        for n in [1, 2, 5, 6, 7, 10, 11, 64, 101, 1000] {
            let values: Vec<f64> = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    ((state >> 33) % 500) as f64
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let mut shuffled = values;
            let got = median_and_interval(&mut shuffled, 0.95);
            assert_eq!(
                got,
                (median(&sorted), median_interval(&sorted, 0.95)),
                "n={n}"
            );
        }
    }
}
