//! The partner profile (format 1) as the user writes it: `shared/spec/profile.md`.
//!
//! Every answer is optional; a missing answer is unknown, never a default. Unknown keys,
//! wrong types and out-of-range values are found on the parsed document against the
//! catalogue the types publish (`check`), so every mistake of a file is reported at once,
//! each at its own line and column. This module only describes and reads profiles; it
//! knows nothing of rules.
//!
//! The types below are the one declaration of the format. Their doc comments, serde
//! names and ranges become the JSON Schema ([`catalog::schema`]); the catalogue of fields
//! that rules, `init` and the interview read is walked from that schema
//! ([`catalog::fields`]); and an assessment's facts are the profile as serde writes it
//! ([`facts::facts`]). A field is added, renamed or documented here and nowhere else.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) mod bounded;
pub mod catalog;
mod check;
pub mod facts;
pub(crate) mod load;
mod value;

pub use bounded::{Count, Days, DaysOrNever, Percent, Usd};
pub use load::{load, parse, ProfileError};

/// One partnership: your company (the vendor) and one prospective or current partner.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile format version; only 1 exists.
    #[schemars(range(min = 1, max = 1))]
    pub format: Option<u8>,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub partnership: Partnership,
    #[serde(default)]
    pub vendor: Vendor,
    #[serde(default)]
    pub partner: Partner,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub market: Market,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub value: Value,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub integration: Integration,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub compensation: Compensation,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub operations: Operations,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub economics: Economics,
    #[serde(default, skip_serializing_if = "unanswered")]
    pub cloud: Cloud,
}

/// Old names still read, each with the field it now names (`section.old`, `section.new`).
/// Serde reads them through the field's `alias`; this list lets the checks before serde
/// accept them, name them in messages and refuse a file that gives both names.
pub const ALIASES: &[(&str, &str)] = &[("partnership.proposed_motion", "partnership.label")];

/// True when a section holds no answer: such a section is left out when a profile is
/// written out, and its JSON Schema entry carries no default.
fn unanswered<T: Default + PartialEq>(section: &T) -> bool {
    *section == T::default()
}

/// How the two sides describe and run the partnership today.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// The label the two sides use today (`proposed_motion` is its old name, still read).
    #[serde(alias = "proposed_motion")]
    pub label: Option<Label>,
    /// Seller of record: who sends the customer the invoice.
    pub invoiced_by: Option<InvoicedBy>,
    /// Who leads the customer relationship in joint deals.
    pub lead: Option<Lead>,
    /// How joint deals usually start.
    pub shape: Option<Shape>,
}

/// Your company, whose product is being sold.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Your company's name (required).
    pub name: Option<String>,
    /// Your product is past product-market fit.
    pub past_product_market_fit: Option<bool>,
    /// You already win deals yourself with a direct sales team.
    pub direct_sales_motion: Option<bool>,
    /// A written playbook a partner could run without you in the room.
    pub repeatable_playbook: Option<bool>,
    /// You need the renewal signal, support line and product feedback.
    pub must_own_customer: Option<bool>,
    /// Typical days from first meeting to signature.
    pub sales_cycle_days: Option<Days>,
    /// Annual revenue in US dollars.
    pub annual_revenue_usd: Option<Usd>,
    /// The motion that runs with this partner today.
    pub current_motion: Option<CurrentMotion>,
}

/// The prospective or current partner.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// The partner's name (required).
    pub name: Option<String>,
    /// What kind of company the partner is.
    #[serde(rename = "type")]
    pub kind: Option<PartnerType>,
    /// The partner's product or service is past product-market fit.
    pub past_product_market_fit: Option<bool>,
    /// Their sellers are in live deals where you fit (false: they only make introductions).
    pub sells_into_accounts: Option<bool>,
    /// They reach a segment or geography you cannot serve directly.
    pub reach_you_cannot_staff: Option<bool>,
    /// The partner's typical days from first meeting to signature.
    pub sales_cycle_days: Option<Days>,
    /// The "co-sell" on offer is a program whose rules you must comply with.
    pub hub_and_spoke_program: Option<bool>,
}

/// The accounts both sides sell into.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// Share of target accounts both sides share, 0-100.
    pub icp_overlap_pct: Option<Percent>,
    /// Named logos both sides actively work.
    pub named_overlap_accounts: Option<Count>,
    /// Both products fit the same deal cycle.
    pub same_buying_conversation: Option<bool>,
    /// The buyer will take a two-vendor conversation.
    pub buyer_accepts_two_vendors: Option<bool>,
}

/// Why the partner would promote you: the commission-strip test.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// Would the partner promote you with no commission?
    pub promotes_without_commission: Option<Answer>,
    /// The real reasons the partner would promote you.
    pub drivers: Option<Vec<Driver>>,
    /// The strongest of the drivers.
    pub primary_driver: Option<Driver>,
    /// The one workflow where you make the partner's customer's life better.
    pub joint_workflow: Option<String>,
}

/// The integration between the two products.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Integration {
    /// How far the integration is.
    pub status: Option<IntegrationStatus>,
    /// Customers actually use the integration.
    pub adopted: Option<bool>,
    /// Documentation the partner's team can rely on.
    pub partner_ready_docs: Option<bool>,
    /// Listed on the partner's or a cloud marketplace.
    pub marketplace_listing: Option<bool>,
}

/// How sellers on both sides are paid for partner deals.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    /// Your account executives earn the same on a co-sold deal as on a direct one.
    pub vendor_reps_equal_on_partner_deals: Option<bool>,
    /// The partner's sellers earn the same on a co-sold deal as on their own.
    pub partner_reps_equal_on_partner_deals: Option<bool>,
    /// Your direct team loses out when a deal goes through the partner.
    pub direct_team_penalised_for_partner_deals: Option<bool>,
}

/// How the joint motion is run day to day.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operations {
    /// Partners register deals to protect their credit.
    pub deal_registration: Option<bool>,
    /// Written rules: a referral told from a co-sell, tie-breaks, payout speed.
    pub credit_rules_written: Option<bool>,
    /// One page: who registers, first call, demo, negotiation, close.
    pub deal_flow_agreement: Option<bool>,
    /// When and how each side enters a deal.
    pub rules_of_engagement: Option<bool>,
    /// One view of co-sold pipeline with the same stage definitions.
    pub shared_pipeline_view: Option<bool>,
    /// Days between joint pipeline reviews; 0 means no recurring review.
    pub pipeline_review_every_days: Option<DaysOrNever>,
    /// Named champions for this partnership on each side.
    pub champions_per_side: Option<Count>,
    /// How accounts are mapped between the two sides.
    pub account_mapping: Option<AccountMapping>,
    /// Partners you run in total.
    pub active_partners: Option<Count>,
    /// Margin terms, support training, contracts and portal are in place.
    pub reseller_terms_ready: Option<bool>,
    /// What partner credit is measured.
    pub attribution: Option<Attribution>,
}

/// Proof that deals are really worked together.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Live deals where both reps name the same prospect, buying committee, forecast date and next step.
    pub shared_named_deals: Option<Count>,
    /// Closed deals with the partner that have matched deals without a partner (`deals compare`).
    pub closed_deals_with_partner: Option<Count>,
    /// Open deals with the partner: worked together, no outcome yet.
    pub open_deals_with_partner: Option<Count>,
    /// Deals with the partner flagged partner-sourced.
    pub sourced_deals: Option<Count>,
    /// Deals with the partner flagged partner-influenced.
    pub influenced_deals: Option<Count>,
    /// Win rate of the closed deals with the partner, 0-100.
    pub win_rate_with_partner_pct: Option<Percent>,
    /// Win rate of the matched closed deals without a partner (same size band, segment and period), 0-100.
    pub win_rate_matched_without_pct: Option<Percent>,
    /// Median days from created to close of won deals with the partner.
    pub cycle_days_with_partner: Option<Days>,
    /// Median days from created to close of matched won deals without a partner.
    pub cycle_days_matched_without: Option<Days>,
    /// The answers the export named in `measured_from` measured; one it could measure that is not listed was stated.
    pub measured: Option<Vec<MeasuredAnswer>>,
    /// The CRM export the deal figures were measured from, as named to `deals compare --update`.
    pub measured_from: Option<String>,
    /// SHA-256 of that export, to tell whether a file is the one measured.
    pub measured_sha256: Option<String>,
    /// The day the deal figures were measured, YYYY-MM-DD.
    pub measured_on: Option<String>,
}

/// Deal economics, to turn benchmark ranges into money.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Economics {
    /// Average deal size in US dollars.
    pub avg_deal_usd: Option<Usd>,
    /// Share of qualified deals you win, 0-100.
    pub win_rate_pct: Option<Percent>,
    /// Referral fee paid to the partner, percent of the deal.
    pub referral_fee_pct: Option<Percent>,
    /// Discount a reseller keeps, percent of list price.
    pub reseller_discount_pct: Option<Percent>,
    /// Deal size the partner's sellers usually work, in US dollars.
    pub partner_typical_deal_usd: Option<Usd>,
    /// Which deals you sell: small self-serve ones, large strategic ones, or both.
    pub deal_mix: Option<DealMix>,
}

/// The kinds of deal a vendor sells, by size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DealMix {
    SmallSelfServe,
    LargeStrategic,
    Both,
}

/// Only when the partner is a hyperscaler: what each cloud's published program gates read.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cloud {
    /// The hyperscaler this partner is.
    pub provider: Option<CloudProvider>,
    /// Where your product runs.
    pub hosted_on: Option<HostedOn>,
    /// Your listing on this cloud's marketplace (transactable: buyers can purchase through it).
    pub listing: Option<Listing>,
    /// Deals transact as marketplace private offers.
    pub private_offers: Option<bool>,
    /// Share of target accounts with committed spend on this cloud, 0-100.
    pub committed_spend_accounts_pct: Option<Percent>,
    /// The cloud's technical review is passed (AWS Foundational Technical Review, Azure technical validation, Google onboarding validation).
    pub technical_review_passed: Option<bool>,
    /// Co-sell opportunities launched with the cloud in the trailing 12 months.
    pub launched_opportunities_12m: Option<Count>,
    /// Qualified co-sell opportunities (not "for visibility only") in the trailing 12 months.
    pub qualified_opportunities_12m: Option<Count>,
    /// Consumed revenue plus marketplace billed sales on this cloud, trailing 12 months, US dollars.
    pub cloud_revenue_12m_usd: Option<Usd>,
    /// A reference architecture diagram is submitted.
    pub reference_architecture: Option<bool>,
    /// The solution one-pager and pitch deck are uploaded.
    pub cosell_collateral: Option<bool>,
    /// A named sales contact for each co-sell geography.
    pub sales_contact_per_geography: Option<bool>,
    /// You are a member in good standing of the cloud's partner program (AWS Partner Network, Microsoft AI Cloud Partner Program, Google Cloud Partner Advantage).
    pub partner_program_member: Option<bool>,
    /// The product is generally available: production-ready, not alpha or beta.
    pub production_ready: Option<bool>,
    /// A professional online presence, a defined sales process and customer support.
    pub enterprise_ready: Option<bool>,
}

/// The hyperscaler a partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CloudProvider {
    Aws,
    Azure,
    Gcp,
}

/// Where your product runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HostedOn {
    Aws,
    Azure,
    Gcp,
    Own,
    Multi,
}

/// Your listing on a cloud marketplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Listing {
    None,
    Listed,
    Transactable,
}

/// The label the two sides use today for the partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    Referral,
    CoSell,
    Reseller,
    Oem,
    Undecided,
}

/// Who sends the customer the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InvoicedBy {
    Vendor,
    Partner,
    Marketplace,
}

/// Who leads the customer relationship in joint deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Lead {
    Vendor,
    Partner,
    Shared,
}

/// How joint deals usually start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    PartnerSourced,
    JointPursuit,
    CustomerExpansion,
}

/// The motion running with this partner today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CurrentMotion {
    None,
    Referral,
    CoSell,
    Reseller,
}

/// What kind of company the partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerType {
    Isv,
    Si,
    Var,
    Msp,
    Distributor,
    Hyperscaler,
    Agency,
}

/// Yes, no, or not sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    Unsure,
}

/// An answer a CRM export can measure (`deals compare --update`), by its field: the
/// closed set `evidence.measured` lists from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MeasuredAnswer {
    #[serde(rename = "evidence.closed_deals_with_partner")]
    ClosedDealsWithPartner,
    #[serde(rename = "evidence.open_deals_with_partner")]
    OpenDealsWithPartner,
    #[serde(rename = "evidence.sourced_deals")]
    SourcedDeals,
    #[serde(rename = "evidence.influenced_deals")]
    InfluencedDeals,
    #[serde(rename = "evidence.win_rate_with_partner_pct")]
    WinRateWithPartner,
    #[serde(rename = "evidence.win_rate_matched_without_pct")]
    WinRateMatchedWithout,
    #[serde(rename = "evidence.cycle_days_with_partner")]
    CycleWithPartner,
    #[serde(rename = "evidence.cycle_days_matched_without")]
    CycleMatchedWithout,
    #[serde(rename = "economics.win_rate_pct")]
    WinRate,
    #[serde(rename = "economics.avg_deal_usd")]
    AverageDeal,
    #[serde(rename = "vendor.sales_cycle_days")]
    SalesCycle,
}

/// A real reason, beyond commission, for the partner to promote you.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    Retention,
    Reach,
    DealVelocity,
}

/// How far the integration is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IntegrationStatus {
    None,
    Planned,
    Beta,
    Live,
}

/// How accounts are mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AccountMapping {
    None,
    Spreadsheet,
    Platform,
}

/// What partner credit is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    None,
    SourcedOnly,
    SourcedAndInfluenced,
}
