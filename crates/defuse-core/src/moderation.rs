//! The moderation policy [M1–M4, T3, T4]: whether hiding, unhiding, deleting or reporting a
//! mention is allowed, under which community rule, and when a supervisor's written override is
//! needed. Criticism is never deleted or hidden [M1]; spam, obscenity and hate may be, under a
//! named community rule that covers them [M2, M3]; hiding is reversible and preferred [M4].
//! One exception protects the customer: a public message that exposes their own personal data
//! may be hidden — never deleted — under a rule covering `privacy`, criticism or not, and the
//! desk asks them in public to write again without it [RC11, M4].

use crate::settings::CommunityRule;
use crate::workflow::{Actor, Refusal};
use defuse_text::{Kind, Sentiment};
use serde::Serialize;

defuse_text::named_enum! {
    /// What to do with a mention on its platform.
    pub enum Action {
        /// Still visible to the author and their friends; reversible [M4].
        Hide = "hide",
        Unhide = "unhide",
        /// Irreversible: only spam, obscenity or hate under a rule [M1, M2].
        Delete = "delete",
        /// Report to the platform's moderators [M4].
        Report = "report",
    }
}

impl Action {
    /// The mention's visibility after the action.
    pub fn visibility(self) -> &'static str {
        match self {
            Action::Hide => "hidden",
            Action::Unhide => "visible",
            Action::Delete => "deleted",
            Action::Report => "reported",
        }
    }
}

defuse_text::named_enum! {
    /// What a community rule may remove [M2, M3].
    pub enum Category {
        /// Ads, scams, unrelated links [T4].
        Spam = "spam",
        /// Obscene language [A4, T4].
        Obscenity = "obscenity",
        /// Insults and hate towards people or groups [T3].
        Hate = "hate",
        /// A public message exposing personal data (a card number, a phone, an address):
        /// hidden to protect its author [RC11, M4].
        Privacy = "privacy",
    }
}

impl Category {
    /// A category as a community rule's id or `covers` entry names it in the settings: its
    /// machine name, or "profanity" for obscenity (always accepted there, so settings that use
    /// it still load). `parse` and serde take only the machine names.
    pub fn parse_rule_name(s: &str) -> Option<Category> {
        match s {
            "profanity" => Some(Category::Obscenity),
            s => Category::parse(s),
        }
    }
}

/// The public reply after hiding a message that showed its author's personal data [RC11]: in
/// the customer's language (Russian for Ukrainian, English where unknown).
pub fn privacy_reply(lang: defuse_text::Lang) -> &'static str {
    use defuse_text::Lang;
    match lang {
        Lang::Ru | Lang::Uk => {
            "Здравствуйте! Мы скрыли ваше сообщение, потому что в нём были ваши личные данные — \
             так их не увидят посторонние. Напишите, пожалуйста, ещё раз без них, а детали \
             пришлите нам в личные сообщения — мы во всём разберёмся."
        }
        Lang::Ro => {
            "Bună ziua! V-am ascuns mesajul pentru că includea date personale — ca să nu le vadă \
             alții. Vă rugăm să scrieți din nou fără ele, iar detaliile trimiteți-ni-le în mesaj \
             privat — ne ocupăm de tot."
        }
        _ => {
            "Hello! We have hidden your message because it showed your personal details, so that \
             nobody else sees them. Please write again without them, and send us the details in \
             a private message: we will sort it out."
        }
    }
}

/// The categories a rule covers: its `covers` list, or else the category its id names.
pub fn rule_covers(rule: &CommunityRule) -> Vec<Category> {
    if rule.covers.is_empty() {
        Category::parse_rule_name(&rule.id).into_iter().collect()
    } else {
        rule.covers
            .iter()
            .filter_map(|c| Category::parse_rule_name(c))
            .collect()
    }
}

/// What the analysis says about the mention to moderate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub kind: Kind,
    pub sentiment: Sentiment,
    pub spam: bool,
    pub profanity: bool,
    pub toxic: bool,
    /// Written by the brand's own account.
    pub from_brand: bool,
    /// A public message in which the analysis found personal data [RC11].
    pub exposes_private_data: bool,
}

impl Subject {
    /// Criticism [M1]: a complaint or a question, or any negative message that is not spam or
    /// a troll's — also when it swears.
    pub fn is_criticism(&self) -> bool {
        if self.from_brand {
            return false;
        }
        match self.kind {
            Kind::Complaint | Kind::Question => true,
            Kind::Spam | Kind::Troll => false,
            Kind::Praise | Kind::Other => {
                self.sentiment == Sentiment::Negative && !self.spam && !self.toxic
            }
        }
    }

    /// The removable categories the mention falls in [M2, T3, T4].
    pub fn categories(&self) -> Vec<Category> {
        let mut c = Vec::new();
        if self.spam || self.kind == Kind::Spam {
            c.push(Category::Spam);
        }
        if self.profanity {
            c.push(Category::Obscenity);
        }
        if self.toxic || self.kind == Kind::Troll {
            c.push(Category::Hate);
        }
        if self.exposes_private_data {
            c.push(Category::Privacy);
        }
        c
    }
}

/// A request to moderate.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub action: Action,
    /// The community rule applied [M3].
    pub rule: Option<&'a str>,
    pub reason: &'a str,
    /// A supervisor's written reason to override the policy.
    pub override_reason: Option<&'a str>,
    pub actor: &'a Actor,
}

/// An allowed action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The categories that justified it.
    pub categories: Vec<Category>,
    /// The policy refused it and a supervisor overrode the refusal.
    pub overridden: bool,
    /// The refusal that was overridden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overrode: Option<Refusal>,
    /// Advice that does not block (M4: prefer hiding).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<String>,
}

/// Decide a moderation request against the policy.
pub fn decide(
    subject: &Subject,
    req: &Request<'_>,
    rules: &[CommunityRule],
) -> Result<Decision, Refusal> {
    let categories = subject.categories();
    let rule = match req.rule.map(str::trim).filter(|r| !r.is_empty()) {
        Some(id) => match rules.iter().find(|r| r.id == id) {
            Some(r) => Some(r),
            None => {
                return Err(Refusal::new(
                    "unknown_rule",
                    Some("M3"),
                    format!(
                        "there is no community rule '{id}' (known: {}) [M3]",
                        rules
                            .iter()
                            .map(|r| r.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        },
        None => None,
    };
    let mut advice = Vec::new();
    let policy = policy_refusal(subject, req.action, rule, &categories, req.reason);
    let (overridden, overrode) = match policy {
        Ok(()) => (false, None),
        Err(refusal) => {
            let Some(why) = req.override_reason.map(str::trim).filter(|r| !r.is_empty()) else {
                return Err(refusal);
            };
            if !req.actor.role.may_override() {
                return Err(Refusal::new(
                    "override_not_allowed",
                    refusal.rule,
                    format!(
                        "{} Only a supervisor can override the policy, with a written reason.",
                        refusal.message
                    ),
                ));
            }
            if why.chars().count() < 10 {
                return Err(Refusal::new(
                    "override_reason_too_short",
                    refusal.rule,
                    "an override needs a written reason (at least 10 characters)",
                ));
            }
            (true, Some(refusal))
        }
    };
    if req.action == Action::Hide && categories.contains(&Category::Privacy) {
        advice.push(
            "RC11: answer in public: ask the customer to write again without their personal \
             data, and take the details to private messages"
                .into(),
        );
    }
    if req.action == Action::Delete {
        advice.push(
            "M4: hiding is reversible and keeps the author's view; prefer it over deleting".into(),
        );
    }
    Ok(Decision {
        action: req.action,
        rule: rule.map(|r| r.id.clone()),
        categories,
        overridden,
        overrode,
        advice,
    })
}

fn policy_refusal(
    subject: &Subject,
    action: Action,
    rule: Option<&CommunityRule>,
    categories: &[Category],
    reason: &str,
) -> Result<(), Refusal> {
    if action == Action::Unhide {
        return Ok(());
    }
    let verb = action.as_str();
    // RC11, M4: hiding a message that exposes its author's personal data protects them — also
    // when it is criticism; the criticism itself is answered, in public, as always.
    if action == Action::Hide
        && subject.exposes_private_data
        && rule.is_some_and(|r| rule_covers(r).contains(&Category::Privacy))
    {
        return Ok(());
    }
    if subject.is_criticism() {
        return Err(Refusal::new(
            "criticism_protected",
            Some("M1"),
            format!(
                "refused: this mention is criticism ({}), and criticism is never {} [M1] — \
                 answer it instead; deleting provokes more anger and screenshots spread",
                subject.kind.as_str(),
                if action == Action::Report {
                    "reported away".to_string()
                } else {
                    format!("{verb}d")
                }
            ),
        ));
    }
    if categories.is_empty() {
        return Err(Refusal::new(
            "not_removable",
            Some("M2"),
            format!(
                "refused: only spam, obscenity or hate may be {verb}d [M2] (and personal data \
                 hidden under a privacy rule [RC11]); this mention is none of them"
            ),
        ));
    }
    if action == Action::Report {
        if rule.is_none() && reason.trim().is_empty() {
            return Err(Refusal::new(
                "reason_required",
                Some("M4"),
                "a report to the platform needs a community rule or a reason",
            ));
        }
        return Ok(());
    }
    let Some(rule) = rule else {
        return Err(Refusal::new(
            "rule_required",
            Some("M3"),
            format!("name the community rule under which the mention is {verb}d [M3]"),
        ));
    };
    let covers = rule_covers(rule);
    if !categories.iter().any(|c| covers.contains(c)) {
        return Err(Refusal::new(
            "rule_does_not_apply",
            Some("M3"),
            format!(
                "the rule '{}' covers {} but this mention is {} [M3]",
                rule.id,
                if covers.is_empty() {
                    "nothing removable".to_string()
                } else {
                    covers
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                categories
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::Role;

    fn rules() -> Vec<CommunityRule> {
        ["spam", "obscenity", "hate", "privacy"]
            .into_iter()
            .map(|id| CommunityRule {
                id: id.into(),
                text: format!("{id} is removed"),
                covers: vec![],
            })
            .collect()
    }

    fn subject(kind: Kind) -> Subject {
        Subject {
            kind,
            sentiment: Sentiment::Negative,
            spam: kind == Kind::Spam,
            profanity: false,
            toxic: false,
            from_brand: false,
            exposes_private_data: false,
        }
    }

    #[test]
    fn rc11_a_message_exposing_personal_data_may_be_hidden_never_deleted() {
        let agent = Actor {
            name: "anna".into(),
            role: crate::workflow::Role::Agent,
        };
        let mut s = subject(Kind::Complaint);
        s.exposes_private_data = true;
        let req = |action, rule| Request {
            action,
            rule,
            reason: "card number in public",
            override_reason: None,
            actor: &agent,
        };
        let d = decide(&s, &req(Action::Hide, Some("privacy")), &rules())
            .expect("hiding protects the customer, criticism or not [RC11, M4]");
        assert!(d.categories.contains(&Category::Privacy));
        assert!(
            d.advice.iter().any(|a| a.starts_with("RC11")),
            "{:?}",
            d.advice
        );
        let e = decide(&s, &req(Action::Delete, Some("privacy")), &rules())
            .expect_err("criticism is never deleted [M1]");
        assert_eq!(e.rule, Some("M1"));
        let e = decide(&s, &req(Action::Hide, Some("spam")), &rules())
            .expect_err("only a privacy rule hides it");
        assert_eq!(e.rule, Some("M1"));
        let plain = subject(Kind::Complaint);
        assert!(
            decide(&plain, &req(Action::Hide, Some("privacy")), &rules()).is_err(),
            "no personal data: criticism stays [M1]"
        );
    }

    #[test]
    fn a_rule_may_name_obscenity_profanity_but_serde_takes_the_machine_name_only() {
        assert_eq!(
            Category::parse_rule_name("profanity"),
            Some(Category::Obscenity)
        );
        for c in Category::ALL {
            assert_eq!(Category::parse_rule_name(c.as_str()), Some(c));
        }
        assert_eq!(Category::parse("profanity"), None);
        assert!(serde_json::from_str::<Category>("\"profanity\"").is_err());
        let rule = CommunityRule {
            id: "profanity".into(),
            text: String::new(),
            covers: vec![],
        };
        assert_eq!(rule_covers(&rule), [Category::Obscenity]);
    }

    fn agent() -> Actor {
        Actor {
            name: "anna".into(),
            role: Role::Agent,
        }
    }

    fn req<'a>(action: Action, rule: Option<&'a str>, actor: &'a Actor) -> Request<'a> {
        Request {
            action,
            rule,
            reason: "",
            override_reason: None,
            actor,
        }
    }

    #[test]
    fn m1_deleting_criticism_is_refused_naming_the_rule() {
        let a = agent();
        let e = decide(
            &subject(Kind::Complaint),
            &req(Action::Delete, Some("spam"), &a),
            &rules(),
        )
        .expect_err("refused");
        assert_eq!(e.code, "criticism_protected");
        assert_eq!(e.rule, Some("M1"));
        assert!(e.message.contains("[M1]"));
        // Hiding criticism is burying it too.
        assert!(
            decide(
                &subject(Kind::Complaint),
                &req(Action::Hide, Some("spam"), &a),
                &rules()
            )
            .is_err()
        );
    }

    #[test]
    fn m1_a_swearing_complaint_is_still_criticism() {
        let mut s = subject(Kind::Complaint);
        s.profanity = true;
        let a = agent();
        assert!(decide(&s, &req(Action::Delete, Some("obscenity"), &a), &rules()).is_err());
    }

    #[test]
    fn m2_m3_spam_is_deleted_under_a_rule_that_covers_it() {
        let a = agent();
        let d = decide(
            &subject(Kind::Spam),
            &req(Action::Delete, Some("spam"), &a),
            &rules(),
        )
        .expect("allowed");
        assert_eq!(d.rule.as_deref(), Some("spam"));
        assert!(!d.overridden);
        assert!(d.advice.iter().any(|x| x.starts_with("M4")));
        let e = decide(
            &subject(Kind::Spam),
            &req(Action::Delete, None, &a),
            &rules(),
        )
        .expect_err("no rule");
        assert_eq!(e.code, "rule_required");
        let e = decide(
            &subject(Kind::Spam),
            &req(Action::Delete, Some("hate"), &a),
            &rules(),
        )
        .expect_err("wrong rule");
        assert_eq!(e.code, "rule_does_not_apply");
        let e = decide(
            &subject(Kind::Spam),
            &req(Action::Delete, Some("nope"), &a),
            &rules(),
        )
        .expect_err("unknown rule");
        assert_eq!(e.code, "unknown_rule");
    }

    #[test]
    fn m1_only_a_supervisor_overrides_with_a_reason() {
        let a = agent();
        let mut r = req(Action::Delete, Some("spam"), &a);
        r.override_reason = Some("the customer asked us to remove their post");
        let e = decide(&subject(Kind::Complaint), &r, &rules()).expect_err("agent");
        assert_eq!(e.code, "override_not_allowed");
        let s = Actor {
            name: "boss".into(),
            role: Role::Supervisor,
        };
        r.actor = &s;
        let d = decide(&subject(Kind::Complaint), &r, &rules()).expect("override");
        assert!(d.overridden);
        assert_eq!(d.overrode.map(|x| x.code), Some("criticism_protected"));
        r.override_reason = Some("because");
        assert!(decide(&subject(Kind::Complaint), &r, &rules()).is_err());
    }

    #[test]
    fn unhide_is_always_allowed_and_praise_is_not_removable() {
        let a = agent();
        assert!(
            decide(
                &subject(Kind::Complaint),
                &req(Action::Unhide, None, &a),
                &rules()
            )
            .is_ok()
        );
        let mut praise = subject(Kind::Praise);
        praise.sentiment = Sentiment::Positive;
        let e = decide(&praise, &req(Action::Hide, Some("spam"), &a), &rules()).expect_err("no");
        assert_eq!(e.code, "not_removable");
    }

    #[test]
    fn t3_a_troll_is_hidden_under_the_hate_rule() {
        let a = agent();
        let mut troll = subject(Kind::Troll);
        troll.toxic = true;
        assert!(decide(&troll, &req(Action::Hide, Some("hate"), &a), &rules()).is_ok());
        assert!(decide(&troll, &req(Action::Report, None, &a), &rules()).is_err());
        let mut r = req(Action::Report, None, &a);
        r.reason = "threats";
        assert!(decide(&troll, &r, &rules()).is_ok());
    }
}
