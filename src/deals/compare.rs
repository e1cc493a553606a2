//! The matched comparison: a deal export and the rule data -> `DealsReport`. Pure: no
//! reading, no printing; the command hands it the export it read.
//!
//! A partner's closed deals are matched to closed deals on which no partner is named or
//! flagged, in the same cell: size band, segment (when the export has a segment column)
//! and period of the close date. Only cells holding both count, on both sides.

use foldhash::HashMap;

use crm_export::deals::Deal;
use crm_export::deals::{DealExport, DealRole, Outcome};

use super::interval::{median_and_interval, ratio, wilson};
use super::report::{
    Comparison, DealsReport, Direct, Figure, Involvement, ListedDeal, MatchCounts, Method,
    PartnerComparison, Placement, SkippedRows, Uplift, FORMAT,
};
use super::rules::DealRules;

/// `--partner NAME` names no partner of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPartner {
    pub wanted: String,
    pub known: Vec<String>,
}

/// Size band, segment (by its id in `Matcher::segments`), period.
type Cell = (usize, Option<u32>, i64);

/// A deal and its cell, when it has one.
type Placed<'a> = (&'a Deal, Option<Cell>);

/// What to compare and show.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// Only this partner, matched without regard to case; every partner when `None`.
    pub partner: Option<&'a str>,
    /// List each partner's deals (with their names, when the export was read with them).
    pub show_deals: bool,
}

/// Compares every partner of `export` (or only the requested one) with matched deals
/// without a partner, ranked.
pub fn compare(
    file: &str,
    export: &DealExport,
    rules: &DealRules,
    request: Request<'_>,
) -> Result<DealsReport, UnknownPartner> {
    let partner = request.partner;
    let unnamed = rules.words.unnamed_partner.as_str();
    let mut matcher = Matcher {
        rules,
        segments: export
            .column(DealRole::Segment)
            .map(|_| SegmentIds::default()),
        show_deals: request.show_deals,
    };
    // One pass: each deal's cell is worked out once, where the partner's deals or the
    // matching pools need it.
    let mut grouped: HashMap<&str, Vec<Placed<'_>>> = HashMap::default();
    let mut without: Vec<&Deal> = Vec::new();
    let mut controls = Controls::default();
    for deal in &export.deals {
        let cell = matcher.cell(deal);
        match partner_of(deal, unnamed) {
            Some(name) => grouped.entry(name).or_default().push((deal, cell)),
            None => {
                without.push(deal);
                if let Some(cell) = cell {
                    controls.add(cell, deal);
                }
            }
        }
    }
    let mut by_partner: Vec<(&str, Vec<Placed<'_>>)> = grouped.into_iter().collect();
    by_partner.sort_unstable_by_key(|(name, _)| *name);
    if let Some(wanted) = partner {
        let Some(at) = by_partner
            .iter()
            .position(|(k, _)| k.trim().eq_ignore_ascii_case(wanted.trim()))
        else {
            return Err(UnknownPartner {
                wanted: wanted.to_string(),
                known: by_partner.iter().map(|(k, _)| k.to_string()).collect(),
            });
        };
        by_partner = vec![by_partner.swap_remove(at)];
    }

    let mut pooled = HashMap::default();
    let mut partners: Vec<PartnerComparison> = by_partner
        .iter()
        .map(|(name, deals)| matcher.partner(name, deals, &controls, &mut pooled))
        .collect();
    // Strongest evidence first: the lower end of the uplift's interval, then the number
    // of closed deals behind it, then the name for a stable order.
    partners.sort_by(|a, b| {
        let low = |p: &PartnerComparison| match p.uplift {
            Uplift::Measured { low, .. } => low,
            Uplift::NotMeasured { .. } => f64::NEG_INFINITY,
        };
        let closed = |p: &PartnerComparison| p.deals.won + p.deals.lost;
        low(b)
            .total_cmp(&low(a))
            .then(closed(b).cmp(&closed(a)))
            .then(a.partner.cmp(&b.partner))
    });
    for (i, p) in partners.iter_mut().enumerate() {
        p.rank = i + 1;
    }

    Ok(DealsReport {
        format: FORMAT,
        file: file.to_string(),
        columns: export.columns.clone(),
        day_order: export.day_order,
        rows: export.rows,
        deals: export.deals.len() as u64,
        skipped: export
            .skipped
            .iter()
            .map(|(reason, tally)| SkippedRows {
                reason: *reason,
                description: reason.describe(),
                count: tally.count,
                lines: tally.lines.clone(),
            })
            .collect(),
        without_partner: involvement(without.iter().copied()),
        direct: matcher.direct(&without),
        method: method(export, rules),
        partners,
    })
}

fn method(export: &DealExport, rules: &DealRules) -> Method {
    Method {
        min_deals: rules.evidence.min_deals,
        min_deals_source: rules.evidence.source.clone(),
        level: rules.interval.level,
        rate_interval: rules.interval.rate_method.clone(),
        median_interval: rules.interval.median_method.clone(),
        ratio_interval: rules.interval.ratio_method.clone(),
        matching_source: rules.matching.source.clone(),
        segment_column: export.column(DealRole::Segment).map(|c| c.header.clone()),
        period_months: rules.matching.period_months,
        period_source: rules.matching.period_source.clone(),
        bands: rules.matching.bands.clone(),
        bands_source: rules.matching.bands_source.clone(),
        uplift_range: [rules.uplift.low, rules.uplift.high],
        uplift_source: rules.uplift.source.clone(),
    }
}

/// The partner a deal is counted for, borrowed (a million deals would otherwise copy a
/// name each): the one named, else the unnamed partner when a flag is set.
fn partner_of<'a>(deal: &'a Deal, unnamed: &'a str) -> Option<&'a str> {
    match &deal.partner {
        Some(name) => Some(&**name),
        None if deal.sourced || deal.influenced => Some(unnamed),
        None => None,
    }
}

/// An id for each segment as written, the same for segments equal without case, given
/// as the deals come: each segment as written is looked up once per deal, and lowercased
/// only the first time.
#[derive(Default)]
struct SegmentIds<'a> {
    written: HashMap<&'a str, u32>,
    lowered: HashMap<String, u32>,
}

impl<'a> SegmentIds<'a> {
    fn id(&mut self, segment: &'a str) -> u32 {
        if let Some(id) = self.written.get(segment) {
            return *id;
        }
        let next = self.lowered.len() as u32;
        let id = *self.lowered.entry(segment.to_lowercase()).or_insert(next);
        self.written.insert(segment, id);
        id
    }
}

fn involvement<'a>(deals: impl Iterator<Item = &'a Deal>) -> Involvement {
    let mut n = Involvement::default();
    for deal in deals {
        n.total += 1;
        match deal.outcome {
            Outcome::Open => n.open += 1,
            Outcome::Won => n.won += 1,
            Outcome::Lost => n.lost += 1,
        }
        n.sourced += u64::from(deal.sourced);
        n.influenced += u64::from(deal.influenced);
        n.role_not_stated += u64::from(!deal.sourced && !deal.influenced);
    }
    n
}

struct Matcher<'a> {
    rules: &'a DealRules,
    /// One id per segment compared without case; `None` when the export has no segment
    /// column.
    segments: Option<SegmentIds<'a>>,
    show_deals: bool,
}

impl<'a> Matcher<'a> {
    /// The cell of a closed deal; `None` for open deals and those without an amount or a
    /// close date, which cannot be matched.
    fn cell(&mut self, deal: &'a Deal) -> Option<Cell> {
        if deal.outcome == Outcome::Open {
            return None;
        }
        let (amount, close) = (deal.amount?, deal.close?);
        let months = i64::from(close.year) * 12 + i64::from(close.month) - 1;
        let period = months.div_euclid(i64::from(self.rules.matching.period_months));
        let segment = match (&mut self.segments, &deal.segment) {
            (Some(ids), Some(segment)) => Some(ids.id(segment)),
            _ => None,
        };
        Some((self.rules.matching.band(amount), segment, period))
    }

    fn partner(
        &self,
        name: &str,
        deals: &[Placed<'_>],
        controls: &Controls,
        pooled: &mut HashMap<Vec<usize>, Matched>,
    ) -> PartnerComparison {
        let closed = deals
            .iter()
            .filter(|(d, _)| d.outcome != Outcome::Open)
            .count() as u64;
        // Each deal's pool of matched deals without a partner, when there is one.
        let slots: Vec<Option<usize>> = deals
            .iter()
            .map(|(_, cell)| controls.slot(cell.as_ref()?))
            .collect();
        let with: Vec<&Deal> = deals
            .iter()
            .zip(&slots)
            .filter(|(_, slot)| slot.is_some())
            .map(|((d, _), _)| *d)
            .collect();
        let mut used = vec![false; controls.pools.len()];
        for slot in slots.iter().flatten() {
            used[*slot] = true;
        }
        let cells: Vec<usize> = (0..used.len()).filter(|i| used[*i]).collect();
        // The matched deals without a partner depend only on the cells: partners whose
        // deals fall in the same cells (most, on a large export) share them, gathered and
        // their medians found once.
        let without = pooled.entry(cells).or_insert_with_key(|cells| {
            let mut pool = Pool::default();
            for slot in cells {
                pool.extend(&controls.pools[*slot]);
            }
            Matched {
                cells: cells.len() as u64,
                closed: pool.closed,
                won: pool.won,
                deal_size: self.median(pool.amounts.into_iter()),
                cycle_days: self.median(pool.cycles.into_iter()),
            }
        });
        let matching = MatchCounts {
            with: with.len() as u64,
            without: without.closed,
            unmatched: closed - with.len() as u64,
            cells: without.cells,
        };
        let win_rate = Comparison {
            with: self.rate(&with),
            without: self.rate_of(without.won, without.closed),
        };
        let uplift = self.uplift(
            (won(&with).count() as u64, with.len() as u64),
            (without.won, without.closed),
        );
        let listed = self.show_deals.then(|| {
            deals
                .iter()
                .zip(&slots)
                .map(|((d, _), slot)| ListedDeal {
                    line: d.line,
                    name: d.name.as_deref().map(str::to_string),
                    outcome: d.outcome,
                    amount: d.amount,
                    close: d
                        .close
                        .map(|c| format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)),
                    matched: slot.is_some(),
                })
                .collect()
        });
        PartnerComparison {
            rank: 0,
            partner: name.to_string(),
            deals: involvement(deals.iter().map(|(d, _)| *d)),
            matching,
            win_rate,
            deal_size: Comparison {
                with: self.median(won(&with).filter_map(|d| d.amount)),
                without: without.deal_size.clone(),
            },
            cycle_days: Comparison {
                with: self.median(won(&with).filter_map(cycle)),
                without: without.cycle_days.clone(),
            },
            uplift,
            listed,
        }
    }

    /// The vendor's own figures from all deals without a partner.
    fn direct(&self, without: &[&Deal]) -> Direct {
        let closed: Vec<&Deal> = without
            .iter()
            .copied()
            .filter(|d| d.outcome != Outcome::Open)
            .collect();
        let amounts: Vec<f64> = won(&closed).filter_map(|d| d.amount).collect();
        let n = amounts.len() as u64;
        let average_deal = self.not_enough(n).unwrap_or_else(|| Figure::Measured {
            value: amounts.iter().sum::<f64>() / n as f64,
            low: None,
            high: None,
            deals: n,
        });
        Direct {
            win_rate: self.rate(&closed),
            average_deal,
            cycle_days: self.median(won(&closed).filter_map(cycle)),
        }
    }

    fn not_enough(&self, deals: u64) -> Option<Figure> {
        (deals < self.rules.evidence.min_deals).then(|| Figure::NotEnough {
            deals,
            says: self.rules.evidence.not_enough.clone(),
        })
    }

    fn rate(&self, closed: &[&Deal]) -> Figure {
        self.rate_of(won(closed).count() as u64, closed.len() as u64)
    }

    /// `won` of `n` closed deals.
    fn rate_of(&self, won: u64, n: u64) -> Figure {
        if let Some(figure) = self.not_enough(n) {
            return figure;
        }
        let (low, high) = wilson(won, n, self.rules.interval.z);
        Figure::Measured {
            value: won as f64 / n as f64,
            low: Some(low),
            high: Some(high),
            deals: n,
        }
    }

    fn median(&self, values: impl Iterator<Item = f64>) -> Figure {
        let mut values: Vec<f64> = values.collect();
        let n = values.len() as u64;
        if let Some(figure) = self.not_enough(n) {
            return figure;
        }
        let (value, interval) = median_and_interval(&mut values, self.rules.interval.level);
        Figure::Measured {
            value,
            low: interval.map(|i| i.0),
            high: interval.map(|i| i.1),
            deals: n,
        }
    }

    /// From (won, closed) with the partner and without.
    fn uplift(&self, (a, n1): (u64, u64), (b, n2): (u64, u64)) -> Uplift {
        let min = self.rules.evidence.min_deals;
        if n1 < min || n2 < min {
            return Uplift::NotMeasured {
                says: self.rules.evidence.not_enough.clone(),
            };
        }
        let up = &self.rules.uplift;
        match ratio(a, n1, b, n2, self.rules.interval.z) {
            None => Uplift::NotMeasured {
                says: self.rules.words.zero_rate.clone(),
            },
            Some((point, low, high)) => {
                let (placement, says) = if point < up.low {
                    (Placement::Below, &up.below)
                } else if point <= up.high {
                    (Placement::Within, &up.within)
                } else {
                    (Placement::Above, &up.above)
                };
                Uplift::Measured {
                    ratio: point,
                    low,
                    high,
                    placement,
                    says: says.clone(),
                }
            }
        }
    }
}

/// What a partner's matched cells hold of deals without a partner: the same for every
/// partner with deals in the same cells.
struct Matched {
    cells: u64,
    closed: u64,
    won: u64,
    deal_size: Figure,
    cycle_days: Figure,
}

/// The closed deals without a partner, pooled by cell.
#[derive(Default)]
struct Controls {
    /// Each cell's place in `pools`.
    slots: HashMap<Cell, usize>,
    pools: Vec<Pool>,
}

impl Controls {
    fn add(&mut self, cell: Cell, deal: &Deal) {
        let next = self.pools.len();
        let slot = *self.slots.entry(cell).or_insert(next);
        if slot == next {
            self.pools.push(Pool::default());
        }
        self.pools[slot].add(deal);
    }

    fn slot(&self, cell: &Cell) -> Option<usize> {
        self.slots.get(cell).copied()
    }
}

/// The closed deals without a partner of one cell, or of a partner's matched cells, kept
/// as the figures need them: a partner's matched deals without it are most of a large
/// export, and gathering them deal by deal for each partner cost more than reading it.
#[derive(Debug, Default)]
struct Pool {
    closed: u64,
    won: u64,
    /// Amounts of won deals.
    amounts: Vec<f64>,
    /// Cycles of won deals with both dates.
    cycles: Vec<f64>,
}

impl Pool {
    fn add(&mut self, deal: &Deal) {
        self.closed += 1;
        if deal.outcome == Outcome::Won {
            self.won += 1;
            self.amounts.extend(deal.amount);
            self.cycles.extend(cycle(deal));
        }
    }

    fn extend(&mut self, other: &Pool) {
        self.closed += other.closed;
        self.won += other.won;
        self.amounts.extend_from_slice(&other.amounts);
        self.cycles.extend_from_slice(&other.cycles);
    }
}

fn won<'a>(deals: &'a [&'a Deal]) -> impl Iterator<Item = &'a Deal> {
    deals.iter().copied().filter(|d| d.outcome == Outcome::Won)
}

/// Days from created to close; `None` without both dates or when close comes first.
fn cycle(deal: &Deal) -> Option<f64> {
    let days = deal.close?.days() - deal.created?.days();
    (days >= 0).then_some(days as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_export::deals::{Date, DayOrder};
    use std::path::Path;

    fn rules(min_deals: u64) -> DealRules {
        let text = include_str!("../../rules/deals.toml")
            .replace("min_deals = 10", &format!("min_deals = {min_deals}"));
        super::super::rules::parse(Path::new("deals.toml"), &text).unwrap()
    }

    /// A deal closing (or expected to close) on the first of `month` 2024.
    fn deal(partner: Option<&str>, outcome: Outcome, amount: Option<f64>, month: u32) -> Deal {
        Deal {
            line: 0,
            amount,
            outcome,
            created: None,
            close: Date::new(2024, month, 1),
            partner: partner.map(Into::into),
            sourced: false,
            influenced: false,
            segment: None,
            name: None,
        }
    }

    /// `d`, created `days` before it closes.
    fn created_days_before(mut d: Deal, days: i64) -> Deal {
        let target = d.close.unwrap().days() - days;
        d.created = (2023..=2024)
            .flat_map(|y| (1..=12).flat_map(move |m| (1..=31).map(move |day| (y, m, day))))
            .filter_map(|(y, m, day)| Date::new(y, m, day))
            .find(|date| date.days() == target);
        d
    }

    fn export(deals: Vec<Deal>) -> DealExport {
        DealExport {
            columns: Vec::new(),
            day_order: DayOrder::MonthFirst,
            rows: deals.len() as u64,
            deals,
            skipped: Vec::new(),
        }
    }

    /// The hand-computed case of docs/deals.md.
    fn hand_case() -> Vec<Deal> {
        use Outcome::{Lost, Open, Won};
        let n = Some("North");
        vec![
            // North, under 10k, first half of 2024: 3 won of 4, cycles 30, 40, 50 days.
            created_days_before(deal(n, Won, Some(5_000.0), 3), 30),
            created_days_before(deal(n, Won, Some(6_000.0), 3), 40),
            created_days_before(deal(n, Won, Some(7_000.0), 4), 50),
            deal(n, Lost, Some(8_000.0), 5),
            // North, 10k-50k: 1 won of 2, cycle 60 days.
            created_days_before(deal(n, Won, Some(20_000.0), 2), 60),
            deal(n, Lost, Some(30_000.0), 6),
            // North, unmatched: no direct deal of 250k and more; no amount; open.
            deal(n, Won, Some(300_000.0), 3),
            deal(n, Lost, None, 3),
            deal(n, Open, Some(9_000.0), 10),
            // No partner, under 10k, first half: 1 won of 4.
            deal(None, Won, Some(4_000.0), 1),
            deal(None, Lost, Some(4_500.0), 2),
            deal(None, Lost, Some(5_000.0), 3),
            deal(None, Lost, Some(9_000.0), 6),
            // No partner, 10k-50k, first half: 1 won of 2.
            deal(None, Won, Some(15_000.0), 4),
            deal(None, Lost, Some(40_000.0), 5),
            // No partner, not matched: a band North has no deal in; the second half.
            deal(None, Won, Some(100_000.0), 3),
            deal(None, Lost, Some(3_000.0), 8),
        ]
    }

    fn only(partner: &str) -> Request<'_> {
        Request {
            partner: Some(partner),
            show_deals: false,
        }
    }

    fn measured(figure: &Figure) -> (f64, Option<f64>, Option<f64>, u64) {
        match figure {
            Figure::Measured {
                value,
                low,
                high,
                deals,
            } => (*value, *low, *high, *deals),
            Figure::NotEnough { .. } => panic!("not measured: {figure:?}"),
        }
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn matches_by_band_and_period_and_computes_the_hand_case() {
        let report = compare("d.csv", &export(hand_case()), &rules(3), Request::default()).unwrap();
        let north = &report.partners[0];
        assert_eq!(north.partner, "North");
        assert_eq!(
            north.matching,
            MatchCounts {
                with: 6,
                without: 6,
                unmatched: 2,
                cells: 2
            }
        );
        assert_eq!(
            (
                north.deals.total,
                north.deals.open,
                north.deals.won,
                north.deals.lost
            ),
            (9, 1, 5, 3)
        );
        assert_eq!(north.deals.role_not_stated, 9);
        // 4 of 6 against 2 of 6, Wilson at z = 1.959964.
        let (v, lo, hi, n) = measured(&north.win_rate.with);
        assert!(near(v, 4.0 / 6.0) && near(lo.unwrap(), 0.29999) && near(hi.unwrap(), 0.90323));
        assert_eq!(n, 6);
        let (v, lo, hi, _) = measured(&north.win_rate.without);
        assert!(near(v, 2.0 / 6.0) && near(lo.unwrap(), 0.09677) && near(hi.unwrap(), 0.70001));
        // Ratio 2.0, se = sqrt(1/4 - 1/6 + 1/2 - 1/6).
        match &north.uplift {
            Uplift::Measured {
                ratio,
                low,
                high,
                placement,
                ..
            } => {
                assert!(near(*ratio, 2.0) && near(*low, 0.56439) && near(*high, 7.08726));
                assert_eq!(*placement, Placement::Within);
            }
            other => panic!("{other:?}"),
        }
        // Won sizes 5000, 6000, 7000, 20000: median 6500; four values give no 95 % interval.
        assert_eq!(measured(&north.deal_size.with), (6_500.0, None, None, 4));
        // Two won deals without a partner: below the minimum of 3.
        assert_eq!(
            north.deal_size.without,
            Figure::NotEnough {
                deals: 2,
                says: "not enough deals yet".into()
            }
        );
        assert_eq!(measured(&north.cycle_days.with), (45.0, None, None, 4));
        assert!(matches!(
            north.cycle_days.without,
            Figure::NotEnough { deals: 0, .. }
        ));
        assert_eq!(report.without_partner.total, 8);
        assert!(north.listed.is_none());
    }

    #[test]
    fn deals_are_listed_only_when_asked() {
        let mut deals = hand_case();
        deals[0].name = Some("Acme renewal".into());
        let request = Request {
            partner: None,
            show_deals: true,
        };
        let report = compare("d.csv", &export(deals), &rules(3), request).unwrap();
        let listed = report.partners[0].listed.as_ref().unwrap();
        assert_eq!(listed.len(), 9);
        assert_eq!(listed[0].name.as_deref(), Some("Acme renewal"));
        assert_eq!(listed[0].close.as_deref(), Some("2024-03-01"));
        assert_eq!(listed.iter().filter(|d| d.matched).count(), 6);
    }

    #[test]
    fn below_the_minimum_no_figure_is_a_number() {
        let report = compare(
            "d.csv",
            &export(hand_case()),
            &rules(10),
            Request::default(),
        )
        .unwrap();
        let north = &report.partners[0];
        assert!(matches!(
            north.win_rate.with,
            Figure::NotEnough { deals: 6, .. }
        ));
        assert!(matches!(north.uplift, Uplift::NotMeasured { .. }));
    }

    #[test]
    fn a_named_partner_is_found_without_regard_to_case_and_others_are_listed() {
        let mut deals = hand_case();
        deals.push(deal(Some("Southwind"), Outcome::Won, Some(5_000.0), 3));
        let one = compare("d.csv", &export(deals.clone()), &rules(3), only("north")).unwrap();
        assert_eq!(one.partners.len(), 1);
        let all = compare(
            "d.csv",
            &export(deals.clone()),
            &rules(3),
            Request::default(),
        )
        .unwrap();
        let names: Vec<_> = all
            .partners
            .iter()
            .map(|p| (p.rank, p.partner.as_str()))
            .collect();
        assert_eq!(names, [(1, "North"), (2, "Southwind")]);
        let err = compare("d.csv", &export(deals), &rules(3), only("West")).unwrap_err();
        assert_eq!(err.known, ["North", "Southwind"]);
    }

    #[test]
    fn flagged_deals_without_a_partner_name_are_one_partner() {
        let mut d = deal(None, Outcome::Won, Some(5_000.0), 3);
        d.sourced = true;
        let report = compare("d.csv", &export(vec![d]), &rules(3), Request::default()).unwrap();
        assert_eq!(report.partners[0].partner, "partners (flagged, not named)");
        assert_eq!(report.partners[0].deals.sourced, 1);
    }
}
