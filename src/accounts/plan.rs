//! Choosing the key of each side so that the two can be compared: the same kind (domain or
//! company name) on both, from the named column, the best recognised one, or a hashed
//! file's header. Saying clearly when no such choice exists is this module's other job.

use std::fmt;
use std::path::PathBuf;

use crm_export::{printable, CsvFile, KeyColumn, KeyKind};

use super::hash;
use super::input_error::{InputError, Problem};

/// Which input of `accounts overlap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    /// The option that names this side's key column.
    pub fn key_flag(self) -> &'static str {
        match self {
            Side::Ours => "--key",
            Side::Theirs => "--their-key",
        }
    }
}

/// Where one side's keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A column of a plain export.
    Column(KeyColumn),
    /// A hashed file from `accounts hash`.
    Hashed(KeyKind),
}

impl KeySource {
    pub fn key_kind(&self) -> KeyKind {
        match self {
            KeySource::Column(column) => column.kind.key_kind(),
            KeySource::Hashed(kind) => *kind,
        }
    }

    pub fn is_hashed(&self) -> bool {
        matches!(self, KeySource::Hashed(_))
    }

    fn describe(&self) -> String {
        match self {
            KeySource::Column(c) => {
                format!(
                    "is keyed by {} (column `{}`)",
                    c.kind.key_kind().as_str(),
                    printable(&c.header)
                )
            }
            KeySource::Hashed(kind) => format!("holds hashed {} keys", kind.as_str()),
        }
    }
}

/// The keys both sides are compared on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub kind: KeyKind,
    pub ours: KeySource,
    pub theirs: KeySource,
}

impl Plan {
    /// Matching runs on keyed hashes when either side is hashed.
    pub fn hashed(&self) -> bool {
        self.ours.is_hashed() || self.theirs.is_hashed()
    }
}

/// Why the two inputs cannot be compared as given.
#[derive(Debug)]
pub enum PlanError {
    Input(InputError),
    /// The sides offer keys of different kinds only.
    KindMismatch {
        ours: PathBuf,
        ours_has: String,
        theirs: PathBuf,
        theirs_has: String,
    },
    /// One side is hashed, the other plain, and no secret to hash the plain one.
    SecretNeeded {
        hashed: PathBuf,
        plain: PathBuf,
    },
    /// `accounts hash` was given a file that is already hashed.
    AlreadyHashed(PathBuf),
}

impl From<InputError> for PlanError {
    fn from(err: InputError) -> Self {
        PlanError::Input(err)
    }
}

impl From<crm_export::Error> for PlanError {
    fn from(err: crm_export::Error) -> Self {
        PlanError::Input(err.into())
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::Input(err) => err.fmt(f),
            PlanError::KindMismatch {
                ours,
                ours_has,
                theirs,
                theirs_has,
            } => write!(
                f,
                "cannot compare: {} {ours_has}, but {} {theirs_has}; a domain never equals a \
                 company name\n  help: key both sides the same way: a website, domain or email \
                 column on both, or a company-name column on both (choose with --key and \
                 --their-key; a hashed file keeps the kind it was hashed with)",
                ours.display(),
                theirs.display()
            ),
            PlanError::SecretNeeded { hashed, plain } => write!(
                f,
                "{} holds keyed hashes and {} does not; its keys must be hashed with the same \
                 secret to be compared\n  help: pass --secret-file FILE with the secret agreed \
                 with your partner (or hash both files with `partner-fit accounts hash`)",
                hashed.display(),
                plain.display()
            ),
            PlanError::AlreadyHashed(path) => write!(
                f,
                "{} is already a hashed file\n  help: hash the plain CRM export instead",
                path.display()
            ),
        }
    }
}

impl std::error::Error for PlanError {}

/// What one side can offer: a fixed key, or the recognised columns to choose from.
enum Offer {
    Fixed(KeySource),
    Choice(Vec<KeyColumn>),
}

fn offer(file: &CsvFile, key: Option<&str>, side: Side) -> Result<Offer, InputError> {
    let flag = side.key_flag();
    if let Some(hashed) = hash::hashed_kind(file.headers()) {
        let line = Some(file.header_line());
        let kind = hashed.map_err(|err| {
            let problem = match err {
                hash::HeaderError::Unknown(found) => Problem::HashedHeader {
                    found,
                    expected: [
                        hash::header(KeyKind::Domain),
                        hash::header(KeyKind::CompanyName),
                    ],
                },
                hash::HeaderError::Version(found) => Problem::HashedVersion {
                    found,
                    current: crm_export::KEY_VERSION,
                },
            };
            InputError::new(file.path(), line, problem)
        })?;
        if key.is_some() {
            return Err(InputError::new(
                file.path(),
                line,
                Problem::KeyOnHashedFile { flag },
            ));
        }
        return Ok(Offer::Fixed(KeySource::Hashed(kind)));
    }
    if let Some(key) = key {
        return Ok(Offer::Fixed(KeySource::Column(KeyColumn::named(
            file, key, flag,
        )?)));
    }
    let found = KeyColumn::detect(file.headers());
    if found.is_empty() {
        let problem = Problem::Export(crm_export::Problem::NoKeyColumn {
            headers: file.headers().to_vec(),
            flag,
        });
        return Err(InputError::new(
            file.path(),
            Some(file.header_line()),
            problem,
        ));
    }
    Ok(Offer::Choice(found))
}

fn describe_choice(columns: &[KeyColumn]) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|c| {
            let kind = c.kind.key_kind();
            format!("a {} column (`{}`)", kind.as_str(), printable(&c.header))
        })
        .collect();
    format!("has only {}", names.join(" and "))
}

/// Chooses the keys for `accounts overlap`. `has_secret` says whether a plain side could be
/// hashed to meet a hashed one.
pub fn plan(
    ours: &CsvFile,
    our_key: Option<&str>,
    theirs: &CsvFile,
    their_key: Option<&str>,
    has_secret: bool,
) -> Result<Plan, PlanError> {
    let our_offer = offer(ours, our_key, Side::Ours)?;
    let their_offer = offer(theirs, their_key, Side::Theirs)?;
    let mismatch = |ours_has: String, theirs_has: String| PlanError::KindMismatch {
        ours: ours.path().to_path_buf(),
        ours_has,
        theirs: theirs.path().to_path_buf(),
        theirs_has,
    };
    let pick = |columns: &[KeyColumn], kind: KeyKind| {
        columns
            .iter()
            .find(|c| c.kind.key_kind() == kind)
            .cloned()
            .map(KeySource::Column)
    };
    let (our_source, their_source) = match (our_offer, their_offer) {
        (Offer::Fixed(a), Offer::Fixed(b)) => {
            if a.key_kind() != b.key_kind() {
                return Err(mismatch(a.describe(), b.describe()));
            }
            (a, b)
        }
        (Offer::Fixed(a), Offer::Choice(columns)) => match pick(&columns, a.key_kind()) {
            Some(b) => (a, b),
            None => return Err(mismatch(a.describe(), describe_choice(&columns))),
        },
        (Offer::Choice(columns), Offer::Fixed(b)) => match pick(&columns, b.key_kind()) {
            Some(a) => (a, b),
            None => return Err(mismatch(describe_choice(&columns), b.describe())),
        },
        (Offer::Choice(a), Offer::Choice(b)) => {
            // `detect` lists domain columns first, and a domain is the sharper key.
            let common = a.iter().find_map(|c| {
                let kind = c.kind.key_kind();
                pick(&b, kind).map(|theirs| (KeySource::Column(c.clone()), theirs))
            });
            match common {
                Some(pair) => pair,
                None => return Err(mismatch(describe_choice(&a), describe_choice(&b))),
            }
        }
    };
    let plan = Plan {
        kind: our_source.key_kind(),
        ours: our_source,
        theirs: their_source,
    };
    if plan.ours.is_hashed() != plan.theirs.is_hashed() && !has_secret {
        let (hashed, plain) = if plan.ours.is_hashed() {
            (ours, theirs)
        } else {
            (theirs, ours)
        };
        return Err(PlanError::SecretNeeded {
            hashed: hashed.path().to_path_buf(),
            plain: plain.path().to_path_buf(),
        });
    }
    Ok(plan)
}

/// Chooses the key column for `accounts hash`: the named one, or the best recognised one.
pub fn single(file: &CsvFile, key: Option<&str>) -> Result<KeyColumn, PlanError> {
    match offer(file, key, Side::Ours)? {
        Offer::Fixed(KeySource::Column(column)) => Ok(column),
        Offer::Fixed(KeySource::Hashed(_)) => Err(PlanError::AlreadyHashed(file.path().into())),
        // `offer` never returns an empty choice.
        Offer::Choice(columns) => Ok(columns.into_iter().next().expect("at least one column")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crm_export::ColumnKind;

    fn csv(name: &str, text: &str) -> CsvFile {
        CsvFile::from_bytes(Path::new(name), text.as_bytes().to_vec()).unwrap()
    }

    fn kinds(plan: &Plan) -> (KeyKind, String, String) {
        let name = |s: &KeySource| match s {
            KeySource::Column(c) => c.header.clone(),
            KeySource::Hashed(_) => "hashed".into(),
        };
        (plan.kind, name(&plan.ours), name(&plan.theirs))
    }

    #[test]
    fn prefers_domain_when_both_sides_have_one() {
        let ours = csv("o", "Company,Website\nA,a.com\n");
        let theirs = csv("t", "Email,Account Name\nx@a.com,A\n");
        let plan = plan(&ours, None, &theirs, None, false).unwrap();
        assert_eq!(
            kinds(&plan),
            (KeyKind::Domain, "Website".into(), "Email".into())
        );
    }

    #[test]
    fn falls_back_to_company_names_when_only_those_are_shared() {
        let ours = csv("o", "Company,Website\nA,a.com\n");
        let theirs = csv("t", "Account Name,Owner\nA,x\n");
        let plan = plan(&ours, None, &theirs, None, false).unwrap();
        assert_eq!(
            kinds(&plan),
            (
                KeyKind::CompanyName,
                "Company".into(),
                "Account Name".into()
            )
        );
    }

    #[test]
    fn domain_against_company_name_cannot_match() {
        let ours = csv("o", "Website\na.com\n");
        let theirs = csv("t", "Company\nA\n");
        let err = plan(&ours, None, &theirs, None, false).unwrap_err();
        assert!(matches!(err, PlanError::KindMismatch { .. }), "{err}");
        assert!(err
            .to_string()
            .contains("a domain never equals a company name"));
    }

    #[test]
    fn hashed_against_plain_needs_the_secret() {
        let ours = csv("o", "Website\na.com\n");
        let theirs = csv("t", "account_hmac_sha256:domain:v2\n00\n");
        let err = plan(&ours, None, &theirs, None, false).unwrap_err();
        assert!(matches!(err, PlanError::SecretNeeded { .. }));
        let plan = plan(&ours, None, &theirs, None, true).unwrap();
        assert_eq!(
            kinds(&plan),
            (KeyKind::Domain, "Website".into(), "hashed".into())
        );
    }

    #[test]
    fn hashed_kind_steers_the_plain_side() {
        let ours = csv("o", "Website,Company\na.com,A\n");
        let theirs = csv("t", "account_hmac_sha256:company-name:v2\n00\n");
        let plan = plan(&ours, None, &theirs, None, true).unwrap();
        assert_eq!(
            kinds(&plan),
            (KeyKind::CompanyName, "Company".into(), "hashed".into())
        );
    }

    #[test]
    fn no_key_column_names_the_flag_of_its_side() {
        let ours = csv("o", "Website\na.com\n");
        let theirs = csv("t", "Id,Owner\n1,x\n");
        let err = plan(&ours, None, &theirs, None, false).unwrap_err();
        let PlanError::Input(err) = err else {
            panic!("{err}")
        };
        assert!(matches!(
            err.problem,
            Problem::Export(crm_export::Problem::NoKeyColumn {
                flag: "--their-key",
                ..
            })
        ));
    }

    #[test]
    fn single_refuses_hashed_files_and_picks_the_best_column() {
        let plain = csv("p", "Company,Email\nA,a@a.com\n");
        assert_eq!(single(&plain, None).unwrap().kind, ColumnKind::Email);
        let hashed = csv("h", "account_hmac_sha256:domain:v2\n00\n");
        assert!(matches!(
            single(&hashed, None),
            Err(PlanError::AlreadyHashed(_))
        ));
    }
}
