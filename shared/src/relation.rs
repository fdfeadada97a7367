//! Bounded-context vocabulary the team declares: subdomain ranks of contexts and the
//! relations between contexts (upstream/downstream and DDD context-map patterns).

use serde::{Deserialize, Serialize};

/// Subdomain rank of a bounded context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    /// Competitive edge, built in-house.
    Core,
    /// Needed but not differentiating.
    Supporting,
    /// Solved problem: buy or use SaaS.
    Generic,
}

impl Rank {
    /// Every rank, highest first.
    pub const ALL: [Rank; 3] = [Rank::Core, Rank::Supporting, Rank::Generic];

    /// Higher is more important to the business: core 3, supporting 2, generic 1.
    pub fn level(self) -> u8 {
        match self {
            Rank::Core => 3,
            Rank::Supporting => 2,
            Rank::Generic => 1,
        }
    }

    /// Identifier used in the document and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rank::Core => "core",
            Rank::Supporting => "supporting",
            Rank::Generic => "generic",
        }
    }

    /// Parses [`Rank::as_str`].
    pub fn parse(s: &str) -> Option<Rank> {
        Rank::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// English label shown on frames.
    pub fn label_en(self) -> &'static str {
        match self {
            Rank::Core => "Core",
            Rank::Supporting => "Supporting",
            Rank::Generic => "Generic",
        }
    }
}

/// A DDD context-map relationship pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Both contexts share part of the model (symmetric).
    SharedKernel,
    /// The downstream is a customer whose needs the upstream plans for.
    CustomerSupplier,
    /// The downstream adopts the upstream's model as is.
    Conformist,
    /// No integration (symmetric).
    SeparateWays,
    /// The upstream offers a protocol open to all downstreams.
    OpenHostService,
    /// A documented shared language (e.g. event schemas) the upstream publishes.
    PublishedLanguage,
    /// The downstream translates the upstream's model into its own.
    AnticorruptionLayer,
    /// Both teams succeed or fail together (symmetric).
    Partnership,
}

impl Pattern {
    /// Every pattern.
    pub const ALL: [Pattern; 8] = [
        Pattern::SharedKernel,
        Pattern::CustomerSupplier,
        Pattern::Conformist,
        Pattern::SeparateWays,
        Pattern::OpenHostService,
        Pattern::PublishedLanguage,
        Pattern::AnticorruptionLayer,
        Pattern::Partnership,
    ];

    /// Identifier used in the document and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::SharedKernel => "shared_kernel",
            Pattern::CustomerSupplier => "customer_supplier",
            Pattern::Conformist => "conformist",
            Pattern::SeparateWays => "separate_ways",
            Pattern::OpenHostService => "open_host_service",
            Pattern::PublishedLanguage => "published_language",
            Pattern::AnticorruptionLayer => "anticorruption_layer",
            Pattern::Partnership => "partnership",
        }
    }

    /// Parses [`Pattern::as_str`].
    pub fn parse(s: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Name in English, as context maps print it ("Customer/Supplier").
    pub fn label_en(self) -> &'static str {
        match self {
            Pattern::SharedKernel => "Shared Kernel",
            Pattern::CustomerSupplier => "Customer/Supplier",
            Pattern::Conformist => "Conformist",
            Pattern::SeparateWays => "Separate Ways",
            Pattern::OpenHostService => "Open Host Service",
            Pattern::PublishedLanguage => "Published Language",
            Pattern::AnticorruptionLayer => "Anticorruption Layer",
            Pattern::Partnership => "Partnership",
        }
    }

    /// Name in Korean.
    pub fn label_ko(self) -> &'static str {
        match self {
            Pattern::SharedKernel => "공유 커널",
            Pattern::CustomerSupplier => "고객/공급자",
            Pattern::Conformist => "준수자",
            Pattern::SeparateWays => "각자의 길",
            Pattern::OpenHostService => "공개 호스트 서비스",
            Pattern::PublishedLanguage => "공표된 언어",
            Pattern::AnticorruptionLayer => "부패 방지 계층",
            Pattern::Partnership => "파트너십",
        }
    }

    /// The usual abbreviation ("OHS", "ACL", "C/S").
    pub fn short(self) -> &'static str {
        match self {
            Pattern::SharedKernel => "SK",
            Pattern::CustomerSupplier => "C/S",
            Pattern::Conformist => "CF",
            Pattern::SeparateWays => "SW",
            Pattern::OpenHostService => "OHS",
            Pattern::PublishedLanguage => "PL",
            Pattern::AnticorruptionLayer => "ACL",
            Pattern::Partnership => "P",
        }
    }

    /// Which end of a relation the pattern sits at: the upstream offers an open host service
    /// and a published language, the downstream conforms or translates through an
    /// anticorruption layer; the others describe the relation as a whole.
    pub fn end(self) -> End {
        match self {
            Pattern::OpenHostService | Pattern::PublishedLanguage => End::Upstream,
            Pattern::AnticorruptionLayer | Pattern::Conformist => End::Downstream,
            _ => End::Both,
        }
    }

    /// Whether the pattern has no upstream/downstream direction.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            Pattern::SharedKernel | Pattern::SeparateWays | Pattern::Partnership
        )
    }
}

/// Where a pattern sits on a relation (see [`Pattern::end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The upstream side.
    Upstream,
    /// The downstream side.
    Downstream,
    /// The relation as a whole.
    Both,
}

/// A declared relation between two bounded contexts (frames). For symmetric patterns the
/// `upstream`/`downstream` fields just name the two sides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Stable identifier.
    pub id: String,
    /// Frame id of the upstream context (the one whose model flows downstream).
    pub upstream: String,
    /// Frame id of the downstream context.
    pub downstream: String,
    /// Patterns that describe the relation, e.g. `[open_host_service, published_language]`.
    #[serde(default)]
    pub patterns: Vec<Pattern>,
}

impl Relation {
    /// Whether the relation uses `p`.
    pub fn has(&self, p: Pattern) -> bool {
        self.patterns.contains(&p)
    }

    /// Whether the relation connects these two frames, in either direction.
    pub fn connects(&self, a: &str, b: &str) -> bool {
        (self.upstream == a && self.downstream == b) || (self.upstream == b && self.downstream == a)
    }
}

/// The label of the patterns at `end` of a relation: full names for the relation as a whole
/// ("Customer/Supplier · Partnership"), abbreviations at one end ("OHS/PL").
pub fn patterns_label(patterns: &[Pattern], end: End) -> String {
    let of_end = patterns.iter().filter(|p| p.end() == end);
    match end {
        End::Both => of_end.map(|p| p.label_en()).collect::<Vec<_>>().join(" · "),
        _ => of_end.map(|p| p.short()).collect::<Vec<_>>().join("/"),
    }
}

/// Whether a relation has a direction worth marking (any pattern that is not symmetric, or
/// none chosen yet).
pub fn directed(patterns: &[Pattern]) -> bool {
    patterns.is_empty() || patterns.iter().any(|p| !p.is_symmetric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip() {
        for p in Pattern::ALL {
            assert_eq!(Pattern::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
        let shorts: std::collections::BTreeSet<_> = Pattern::ALL.map(|p| p.short()).into();
        assert_eq!(
            shorts.len(),
            Pattern::ALL.len(),
            "abbreviations are distinct"
        );
        assert_eq!(Pattern::OpenHostService.end(), End::Upstream);
        assert_eq!(Pattern::AnticorruptionLayer.end(), End::Downstream);
        assert!(Pattern::ALL
            .iter()
            .filter(|p| p.is_symmetric())
            .all(|p| p.end() == End::Both));
        for r in Rank::ALL {
            assert_eq!(Rank::parse(r.as_str()), Some(r));
        }
        assert!(Rank::Core.level() > Rank::Supporting.level());
        assert!(Rank::Supporting.level() > Rank::Generic.level());
    }

    #[test]
    fn labels_put_each_pattern_where_it_sits() {
        let p = [
            Pattern::CustomerSupplier,
            Pattern::OpenHostService,
            Pattern::PublishedLanguage,
            Pattern::AnticorruptionLayer,
        ];
        assert_eq!(patterns_label(&p, End::Both), "Customer/Supplier");
        assert_eq!(patterns_label(&p, End::Upstream), "OHS/PL");
        assert_eq!(patterns_label(&p, End::Downstream), "ACL");
        assert!(directed(&p));
        assert!(!directed(&[Pattern::SharedKernel]));
        assert!(directed(&[]));
    }
}
