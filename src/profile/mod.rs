//! The partner profile (format 1) as the user writes it: `shared/spec/profile.md`.
//!
//! Every answer is optional; a missing answer is unknown, never a default. The types
//! reject unknown keys, wrong types and out-of-range values while the TOML is read, so
//! each mistake is reported at its own line and column. This module only describes
//! and reads profiles; it knows nothing of rules.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub mod bounded;
pub mod catalog;
pub mod facts;
pub mod load;

pub use bounded::{Count, Days, DaysOrNever, Percent, Usd};
pub use load::{load, parse, ProfileError};

/// One partnership: your company (the vendor) and one prospective or current partner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile format version; only 1 exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1))]
    pub format: Option<u8>,
    #[serde(default, skip_serializing_if = "Partnership::is_empty")]
    pub partnership: Partnership,
    #[serde(default)]
    pub vendor: Vendor,
    #[serde(default)]
    pub partner: Partner,
    #[serde(default, skip_serializing_if = "Market::is_empty")]
    pub market: Market,
    #[serde(default, skip_serializing_if = "Value::is_empty")]
    pub value: Value,
    #[serde(default, skip_serializing_if = "Integration::is_empty")]
    pub integration: Integration,
    #[serde(default, skip_serializing_if = "Compensation::is_empty")]
    pub compensation: Compensation,
    #[serde(default, skip_serializing_if = "Operations::is_empty")]
    pub operations: Operations,
    #[serde(default, skip_serializing_if = "Evidence::is_empty")]
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "Economics::is_empty")]
    pub economics: Economics,
}

impl Profile {
    /// The sections in the order the fields above declare them, with their declarations
    /// for the catalogue and the facts. A test checks this list against the JSON Schema.
    pub(crate) const SECTIONS: [catalog::SectionEntry; 10] = [
        section_entry!(partnership: Partnership),
        section_entry!(vendor: Vendor),
        section_entry!(partner: Partner),
        section_entry!(market: Market),
        section_entry!(value: Value),
        section_entry!(integration: Integration),
        section_entry!(compensation: Compensation),
        section_entry!(operations: Operations),
        section_entry!(evidence: Evidence),
        section_entry!(economics: Economics),
    ];
}

/// A section's name in profiles with its declaration.
macro_rules! section_entry {
    ($key:ident : $section:ident) => {
        catalog::SectionEntry {
            key: stringify!($key),
            doc: <$section as catalog::Section>::DOC,
            fields: <$section as catalog::Section>::FIELDS,
            facts: |profile, facts| profile.$key.add_facts(stringify!($key), facts),
        }
    };
}
use section_entry;

/// Declares a profile section: every field optional, unknown keys rejected, documented by
/// its doc comments. It also lists the section's fields for the catalogue
/// ([`catalog::fields`]), so the catalogue is known without building the JSON Schema.
/// `key as "name"` spells a field differently in profiles than in Rust.
macro_rules! section {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            $($(#[doc = $fdoc:literal])* $field:ident $(as $key:literal)? : $ty:ty),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                $(#[serde(rename = $key)])?
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }
        impl $name {
            /// True when no answer in the section is given.
            pub fn is_empty(&self) -> bool {
                true $(&& self.$field.is_none())*
            }

            /// Files the section's answers as facts under `section.key`.
            fn add_facts(&self, section: &str, facts: &mut crate::condition::Facts) {
                facts::add(facts, section, [$(
                    (key!($field $(, $key)?), self.$field.as_ref().and_then(facts::ToFact::fact)),
                )*]);
            }
        }
        impl catalog::Section for $name {
            const DOC: &'static [&'static str] = &[$($doc),*];
            const FIELDS: &'static [catalog::FieldEntry] = &[$(catalog::FieldEntry {
                key: key!($field $(, $key)?),
                kind: <$ty as catalog::FieldType>::kind,
                doc: &[$($fdoc),*],
            }),*];
        }
    };
}

/// A field's key in profiles: its Rust name unless spelled otherwise.
macro_rules! key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $key:literal) => {
        $key
    };
}

section!(
    /// How the two sides describe and run the partnership today.
    Partnership {
        /// The label the two sides use today.
        proposed_motion: ProposedMotion,
        /// Seller of record: who sends the customer the invoice.
        invoiced_by: InvoicedBy,
        /// Who leads the customer relationship in joint deals.
        lead: Lead,
        /// How joint deals usually start.
        shape: Shape,
    }
);

section!(
    /// Your company, whose product is being sold.
    Vendor {
        /// Your company's name (required).
        name: String,
        /// Your product is past product-market fit.
        past_product_market_fit: bool,
        /// You already win deals yourself with a direct sales team.
        direct_sales_motion: bool,
        /// A written playbook a partner could run without you in the room.
        repeatable_playbook: bool,
        /// You need the renewal signal, support line and product feedback.
        must_own_customer: bool,
        /// Typical days from first meeting to signature.
        sales_cycle_days: Days,
        /// Annual revenue in US dollars.
        annual_revenue_usd: Usd,
        /// The motion that runs with this partner today.
        current_motion: CurrentMotion,
    }
);

section!(
    /// The prospective or current partner.
    Partner {
        /// The partner's name (required).
        name: String,
        /// What kind of company the partner is.
        kind as "type": PartnerType,
        /// The partner's product or service is past product-market fit.
        past_product_market_fit: bool,
        /// Their sellers are in live deals where you fit (false: they only make introductions).
        sells_into_accounts: bool,
        /// They reach a segment or geography you cannot serve directly.
        reach_you_cannot_staff: bool,
        /// The partner's typical days from first meeting to signature.
        sales_cycle_days: Days,
        /// The "co-sell" on offer is a program whose rules you must comply with.
        hub_and_spoke_program: bool,
    }
);

section!(
    /// The accounts both sides sell into.
    Market {
        /// Share of target accounts both sides share, 0-100.
        icp_overlap_pct: Percent,
        /// Named logos both sides actively work.
        named_overlap_accounts: Count,
        /// Both products fit the same deal cycle.
        same_buying_conversation: bool,
        /// The buyer will take a two-vendor conversation.
        buyer_accepts_two_vendors: bool,
    }
);

section!(
    /// Why the partner would promote you: the commission-strip test.
    Value {
        /// Would the partner promote you with no commission?
        promotes_without_commission: Answer,
        /// The real reasons the partner would promote you.
        drivers: Vec<Driver>,
        /// The strongest of the drivers.
        primary_driver: Driver,
        /// The one workflow where you make the partner's customer's life better.
        joint_workflow: String,
    }
);

section!(
    /// The integration between the two products.
    Integration {
        /// How far the integration is.
        status: IntegrationStatus,
        /// Customers actually use the integration.
        adopted: bool,
        /// Documentation the partner's team can rely on.
        partner_ready_docs: bool,
        /// Listed on the partner's or a cloud marketplace.
        marketplace_listing: bool,
    }
);

section!(
    /// How sellers on both sides are paid for partner deals.
    Compensation {
        /// Your account executives earn the same on a co-sold deal as on a direct one.
        vendor_reps_equal_on_partner_deals: bool,
        /// The partner's sellers earn the same on a co-sold deal as on their own.
        partner_reps_equal_on_partner_deals: bool,
        /// Your direct team loses out when a deal goes through the partner.
        direct_team_penalised_for_partner_deals: bool,
    }
);

section!(
    /// How the joint motion is run day to day.
    Operations {
        /// Partners register deals to protect their credit.
        deal_registration: bool,
        /// Written rules: a referral told from a co-sell, tie-breaks, payout speed.
        credit_rules_written: bool,
        /// One page: who registers, first call, demo, negotiation, close.
        deal_flow_agreement: bool,
        /// When and how each side enters a deal.
        rules_of_engagement: bool,
        /// One view of co-sold pipeline with the same stage definitions.
        shared_pipeline_view: bool,
        /// Days between joint pipeline reviews; 0 means no recurring review.
        pipeline_review_every_days: DaysOrNever,
        /// Named champions for this partnership on each side.
        champions_per_side: Count,
        /// How accounts are mapped between the two sides.
        account_mapping: AccountMapping,
        /// Partners you run in total.
        active_partners: Count,
        /// Margin terms, support training, contracts and portal are in place.
        reseller_terms_ready: bool,
        /// What partner credit is measured.
        attribution: Attribution,
    }
);

section!(
    /// Proof that deals are really worked together.
    Evidence {
        /// Live deals where both reps name the same prospect, buying committee, forecast date and next step.
        shared_named_deals: Count,
    }
);

section!(
    /// Deal economics, to turn benchmark ranges into money.
    Economics {
        /// Average deal size in US dollars.
        avg_deal_usd: Usd,
        /// Share of qualified deals you win, 0-100.
        win_rate_pct: Percent,
        /// Referral fee paid to the partner, percent of the deal.
        referral_fee_pct: Percent,
        /// Discount a reseller keeps, percent of list price.
        reseller_discount_pct: Percent,
    }
);

/// Declares a closed set of answers, each with its spelling in profiles. It also lists the
/// words for the catalogue, in declaration order.
macro_rules! choice {
    ($(#[doc = $doc:literal])* $name:ident { $($variant:ident = $word:literal),* $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),*
        }
        impl catalog::Words for $name {
            const WORDS: &'static [&'static str] = &[$($word),*];
            fn word(&self) -> &'static str {
                match self {
                    $(Self::$variant => $word),*
                }
            }
        }
    };
}

choice!(
    /// The label in use for the partnership.
    ProposedMotion {
        Referral = "referral",
        CoSell = "co-sell",
        Reseller = "reseller",
        Oem = "oem",
        Undecided = "undecided",
    }
);
choice!(
    /// Who sends the customer the invoice.
    InvoicedBy { Vendor = "vendor", Partner = "partner", Marketplace = "marketplace" }
);
choice!(
    /// Who leads the customer relationship in joint deals.
    Lead { Vendor = "vendor", Partner = "partner", Shared = "shared" }
);
choice!(
    /// How joint deals usually start.
    Shape {
        PartnerSourced = "partner-sourced",
        JointPursuit = "joint-pursuit",
        CustomerExpansion = "customer-expansion",
    }
);
choice!(
    /// The motion running with this partner today.
    CurrentMotion {
        None = "none",
        Referral = "referral",
        CoSell = "co-sell",
        Reseller = "reseller",
    }
);
choice!(
    /// What kind of company the partner is.
    PartnerType {
        Isv = "isv",
        Si = "si",
        Var = "var",
        Msp = "msp",
        Distributor = "distributor",
        Hyperscaler = "hyperscaler",
        Agency = "agency",
    }
);
choice!(
    /// Yes, no, or not sure.
    Answer { Yes = "yes", No = "no", Unsure = "unsure" }
);
choice!(
    /// A real reason, beyond commission, for the partner to promote you.
    Driver { Retention = "retention", Reach = "reach", DealVelocity = "deal_velocity" }
);
choice!(
    /// How far the integration is.
    IntegrationStatus { None = "none", Planned = "planned", Beta = "beta", Live = "live" }
);
choice!(
    /// How accounts are mapped.
    AccountMapping { None = "none", Spreadsheet = "spreadsheet", Platform = "platform" }
);
choice!(
    /// What partner credit is measured.
    Attribution {
        None = "none",
        SourcedOnly = "sourced-only",
        SourcedAndInfluenced = "sourced-and-influenced",
    }
);
