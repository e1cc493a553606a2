//! Choosing the key of each side so that the two can be compared: the same kind (domain or
//! company name) on both, from the named column, the best recognised one, or a hashed
//! file's header. Saying clearly when no such choice exists is this module's other job.

use std::fmt;
use std::path::PathBuf;

use crm_export::{printable, CsvFile, KeyColumn, KeyKind};

use super::hash::{self, HashedHeader, KeyId, Secret};
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
    Hashed(HashedHeader),
}

impl KeySource {
    pub fn key_kind(&self) -> KeyKind {
        match self {
            KeySource::Column(column) => column.kind.key_kind(),
            KeySource::Hashed(header) => header.kind,
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
            KeySource::Hashed(header) => format!("holds hashed {} keys", header.kind.as_str()),
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
    /// Both sides are hashed, under different secrets: no account could match.
    KeyMismatch {
        ours: PathBuf,
        our_key: KeyId,
        theirs: PathBuf,
        their_key: KeyId,
    },
    /// The secret given to hash the plain side is not the one the hashed side was made with.
    SecretMismatch {
        secret: PathBuf,
        secret_key: KeyId,
        hashed: PathBuf,
        hashed_key: KeyId,
    },
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
            PlanError::KeyMismatch {
                ours,
                our_key,
                theirs,
                their_key,
            } => write!(
                f,
                "cannot compare: {} and {} were hashed with different secrets (key \
                 fingerprints {our_key} and {their_key}), so no account could match and the \
                 comparison would say 0 shared whatever the two lists hold\n  help: {SAME_SECRET}, \
                 then both partners hash their exports again with it and exchange the new files",
                ours.display(),
                theirs.display()
            ),
            PlanError::SecretMismatch {
                secret,
                secret_key,
                hashed,
                hashed_key,
            } => write!(
                f,
                "cannot compare: {} was hashed with another secret than {} (key fingerprints \
                 {hashed_key} and {secret_key}), so none of the other side's accounts could \
                 match it\n  help: pass the secret file your partner hashed with (`partner-fit \
                 accounts keygen` printed its fingerprint), or {SAME_SECRET} and both hash again",
                hashed.display(),
                secret.display()
            ),
        }
    }
}

/// The fix shared by both secret mismatches.
const SAME_SECRET: &str = "agree on one secret (`partner-fit accounts keygen --out secret.txt`, \
    sent over another channel than the hashed files) and use that file as it is: a copy with a \
    trailing space, or with its hex digits in another case, is another secret";

impl std::error::Error for PlanError {}

/// What one side can offer: a fixed key, or the recognised columns to choose from.
enum Offer {
    Fixed(KeySource),
    Choice(Vec<KeyColumn>),
}

fn offer(file: &CsvFile, key: Option<&str>, side: Side) -> Result<Offer, InputError> {
    let flag = side.key_flag();
    if let Some(hashed) = hash::hashed_header(file.headers()) {
        let line = Some(file.header_line());
        let header = hashed.map_err(|err| {
            let problem = match err {
                hash::HeaderError::Unknown(found) => Problem::HashedHeader {
                    found,
                    expected: hash::header_shape(),
                },
                hash::HeaderError::Version(found) => Problem::HashedVersion {
                    found,
                    current: crm_export::KEY_VERSION,
                },
                hash::HeaderError::NoKeyId => Problem::HashedWithoutKeyId,
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
        return Ok(Offer::Fixed(KeySource::Hashed(header)));
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

/// Chooses the keys for `accounts overlap`. `secret` is what a plain side would be hashed
/// with to meet a hashed one.
pub fn plan(
    ours: &CsvFile,
    our_key: Option<&str>,
    theirs: &CsvFile,
    their_key: Option<&str>,
    secret: Option<&Secret>,
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
    match (&plan.ours, &plan.theirs) {
        (KeySource::Hashed(a), KeySource::Hashed(b)) if a.key != b.key => {
            return Err(PlanError::KeyMismatch {
                ours: ours.path().to_path_buf(),
                our_key: a.key,
                theirs: theirs.path().to_path_buf(),
                their_key: b.key,
            });
        }
        (KeySource::Hashed(header), KeySource::Column(_))
        | (KeySource::Column(_), KeySource::Hashed(header)) => {
            let (hashed, plain) = if plan.ours.is_hashed() {
                (ours, theirs)
            } else {
                (theirs, ours)
            };
            let Some(secret) = secret else {
                return Err(PlanError::SecretNeeded {
                    hashed: hashed.path().to_path_buf(),
                    plain: plain.path().to_path_buf(),
                });
            };
            let secret_key = secret.key_id();
            if secret_key != header.key {
                return Err(PlanError::SecretMismatch {
                    secret: secret.path().to_path_buf(),
                    secret_key,
                    hashed: hashed.path().to_path_buf(),
                    hashed_key: header.key,
                });
            }
        }
        _ => {}
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

    const SECRET: &str = "376cd74a74e69dd2135235c1c5b6c037da6da571284494161c151783dfc3c309";

    fn secret() -> Secret {
        Secret::from_bytes(Path::new("secret.txt"), SECRET.into()).unwrap()
    }

    /// A hashed file of one (not hex) row under `secret`.
    fn hashed(kind: KeyKind, secret: &Secret) -> String {
        format!("{}\n00\n", hash::header(kind, secret.key_id()))
    }

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
        let plan = plan(&ours, None, &theirs, None, None).unwrap();
        assert_eq!(
            kinds(&plan),
            (KeyKind::Domain, "Website".into(), "Email".into())
        );
    }

    #[test]
    fn falls_back_to_company_names_when_only_those_are_shared() {
        let ours = csv("o", "Company,Website\nA,a.com\n");
        let theirs = csv("t", "Account Name,Owner\nA,x\n");
        let plan = plan(&ours, None, &theirs, None, None).unwrap();
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
        let err = plan(&ours, None, &theirs, None, None).unwrap_err();
        assert!(matches!(err, PlanError::KindMismatch { .. }), "{err}");
        assert!(err
            .to_string()
            .contains("a domain never equals a company name"));
    }

    #[test]
    fn hashed_against_plain_needs_the_secret() {
        let ours = csv("o", "Website\na.com\n");
        let theirs = csv("t", &hashed(KeyKind::Domain, &secret()));
        let err = plan(&ours, None, &theirs, None, None).unwrap_err();
        assert!(matches!(err, PlanError::SecretNeeded { .. }));
        let plan = plan(&ours, None, &theirs, None, Some(&secret())).unwrap();
        assert_eq!(
            kinds(&plan),
            (KeyKind::Domain, "Website".into(), "hashed".into())
        );
    }

    #[test]
    fn hashed_kind_steers_the_plain_side() {
        let ours = csv("o", "Website,Company\na.com,A\n");
        let theirs = csv("t", &hashed(KeyKind::CompanyName, &secret()));
        let plan = plan(&ours, None, &theirs, None, Some(&secret())).unwrap();
        assert_eq!(
            kinds(&plan),
            (KeyKind::CompanyName, "Company".into(), "hashed".into())
        );
    }

    #[test]
    fn hashes_under_different_secrets_are_never_compared() {
        let other =
            Secret::from_bytes(Path::new("other.txt"), SECRET.to_uppercase().into()).unwrap();
        let ours = csv("o", &hashed(KeyKind::Domain, &secret()));
        let theirs = csv("t", &hashed(KeyKind::Domain, &other));
        let err = plan(&ours, None, &theirs, None, None).unwrap_err();
        assert!(matches!(err, PlanError::KeyMismatch { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("o and t were hashed with different secrets"),
            "{err}"
        );

        // A plain side hashed with a secret that is not the hashed side's.
        let plain = csv("p", "Website\na.com\n");
        let err = plan(&plain, None, &theirs, None, Some(&secret())).unwrap_err();
        assert!(matches!(err, PlanError::SecretMismatch { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("t was hashed with another secret than secret.txt"),
            "{err}"
        );
        assert!(plan(&plain, None, &theirs, None, Some(&other)).is_ok());
    }

    #[test]
    fn no_key_column_names_the_flag_of_its_side() {
        let ours = csv("o", "Website\na.com\n");
        let theirs = csv("t", "Id,Owner\n1,x\n");
        let err = plan(&ours, None, &theirs, None, None).unwrap_err();
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
        let hashed = csv("h", &hashed(KeyKind::Domain, &secret()));
        assert!(matches!(
            single(&hashed, None),
            Err(PlanError::AlreadyHashed(_))
        ));
    }
}
