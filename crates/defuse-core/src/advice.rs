//! Strategy advice for a case [ST1–ST3, T1–T6, RC11, M2–M4]: the recommended way to handle it,
//! the reason, the rule ids behind it, and for a local complaint the questions to ask (where,
//! when, with whom) in the customer's language — never for a systemic one, where asking them only
//! irritates [T2]. Pure.

use defuse_text::{Kind, Lang};
use serde::Serialize;

defuse_text::named_enum! {
    /// The recommended way.
    pub enum Strategy {
        /// Answer publicly (thanks, apology, next step), then move to private for details [ST3,
        /// RC11].
        AnswerPubliclyThenPrivate = "answer_publicly_then_private",
        /// A systemic problem: answer with the company's position, fix and timeline, and link to
        /// it [T2, ST2].
        CompanyPosition = "company_position",
        /// A question: answer it on substance, publicly [L2, T6, RC2].
        AnswerQuestion = "answer_question",
        /// Praise: thank, like a person [RC8].
        Thank = "thank",
        /// A troll: do not engage; hide under the hate rule if it breaks one [T3, ST1, M2, M4].
        IgnoreTroll = "ignore_troll",
        /// Spam: hide it under the spam rule [T4, M2, M4].
        HideSpam = "hide_spam",
        /// Nothing to answer: neutral chatter or news. Watch it [L4].
        Monitor = "monitor",
    }
}

/// What the advice reads about a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    pub kind: Kind,
    pub lang: Lang,
    /// Other customers complaining about the same brand at about the same time [T2]; `0` when
    /// none.
    pub similar_complaints: usize,
    /// How many make a problem systemic (settings).
    pub systemic_threshold: usize,
    /// The customer wrote personal data in public [RC11].
    pub private_data_in_public: bool,
    /// The customer's message is obscene.
    pub profanity: bool,
}

/// The advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub strategy: Strategy,
    pub rules: Vec<&'static str>,
    pub reason: String,
    /// Whether the case looks systemic [T2].
    pub systemic: bool,
    /// T1: what to ask the customer (in their language); empty for a systemic case [T2].
    pub questions: Vec<String>,
    /// Further steps, in order.
    pub steps: Vec<String>,
}

fn local_questions(lang: Lang) -> Vec<String> {
    let q: [&str; 3] = match lang {
        Lang::Ru | Lang::Uk => [
            "Где это произошло (адрес, магазин, отделение)?",
            "Когда это было (дата и примерное время)?",
            "С кем вы общались (сотрудник, курьер, оператор)?",
        ],
        Lang::Ro => [
            "Unde s-a întâmplat (adresa, magazinul, filiala)?",
            "Când a fost (data și ora aproximativă)?",
            "Cu cine ați vorbit (angajat, curier, operator)?",
        ],
        _ => [
            "Where did it happen (address, shop, branch)?",
            "When was it (date and approximate time)?",
            "Who did you deal with (staff member, courier, operator)?",
        ],
    };
    q.iter().map(|s| s.to_string()).collect()
}

/// The advice for a case.
pub fn advise(s: &Situation) -> Advice {
    let systemic = s.kind == Kind::Complaint
        && s.systemic_threshold > 0
        && s.similar_complaints + 1 >= s.systemic_threshold;
    let mut steps = Vec::new();
    if s.private_data_in_public {
        steps.push(
            "The customer posted personal data in public: hide that message or ask the platform \
             to mask it, and continue in private messages [RC11]."
                .to_string(),
        );
    }
    let (strategy, rules, reason, questions) = match s.kind {
        Kind::Spam => (
            Strategy::HideSpam,
            vec!["T4", "M2", "M4"],
            "Spam: hide it under the spam community rule; hiding is reversible [M4].".to_string(),
            vec![],
        ),
        Kind::Troll => (
            Strategy::IgnoreTroll,
            vec!["T3", "ST1", "M2"],
            "An insult or provocation with no concrete problem: do not engage [T3]; hide it if \
             it breaks the hate or obscenity rule, and ignore the case with that reason [ST1]."
                .to_string(),
            vec![],
        ),
        Kind::Complaint if systemic => {
            steps.push(
                "Record the company's position, the fix and its timeline, publish it on the \
                 official page, and link to it in the answer [T2, ST2]."
                    .to_string(),
            );
            steps.push("Post an update in the thread when it is fixed [F2].".to_string());
            (
                Strategy::CompanyPosition,
                vec!["T2", "ST2", "RC1", "RC6"],
                format!(
                    "{} other customers complained about the same brand at about the same time: \
                     this looks systemic. Answer with the company's position and its link; do \
                     not ask where or when — that only irritates [T2].",
                    s.similar_complaints
                ),
                vec![],
            )
        }
        Kind::Complaint => {
            steps.push(
                "Answer publicly first: thanks, an apology, what happens next [RC1, RC3].".into(),
            );
            steps.push(
                "Move to private messages for details and any account or order number [RC11]."
                    .into(),
            );
            steps.push("When it is solved, say so in the same thread [F2].".into());
            (
                Strategy::AnswerPubliclyThenPrivate,
                vec!["ST3", "T1", "RC1", "RC3", "RC11"],
                "One customer's incident: acknowledge it and offer a way to solve it [ST3], ask \
                 the questions that locate it [T1]."
                    .to_string(),
                local_questions(s.lang),
            )
        }
        Kind::Question => (
            Strategy::AnswerQuestion,
            vec!["L2", "T6", "RC2"],
            "A question left unanswered grows into a conflict [L2]: answer it on substance, \
             publicly, so others read the answer too [RC12]."
                .to_string(),
            vec![],
        ),
        Kind::Praise => (
            Strategy::Thank,
            vec!["RC8"],
            "Positive feedback: thank the customer, in your own words [RC8].".to_string(),
            vec![],
        ),
        Kind::Other => (
            Strategy::Monitor,
            vec!["L4"],
            "No problem or question in it: no answer is needed; keep listening [L4].".to_string(),
            vec![],
        ),
    };
    let mut rules = rules;
    if s.profanity && matches!(s.kind, Kind::Complaint | Kind::Question) {
        rules.push("M1");
        steps.push(
            "It swears, but it is criticism: answer it, do not delete or hide it [M1].".into(),
        );
    }
    Advice {
        strategy,
        rules,
        reason,
        systemic,
        questions,
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn situation(kind: Kind, lang: Lang, similar: usize) -> Situation {
        Situation {
            kind,
            lang,
            similar_complaints: similar,
            systemic_threshold: 5,
            private_data_in_public: false,
            profanity: false,
        }
    }

    #[test]
    fn t1_a_local_complaint_gets_where_when_with_whom_in_its_language() {
        let a = advise(&situation(Kind::Complaint, Lang::Ru, 0));
        assert_eq!(a.strategy, Strategy::AnswerPubliclyThenPrivate);
        assert_eq!(a.questions.len(), 3);
        assert!(a.questions[0].starts_with("Где"));
        let a = advise(&situation(Kind::Complaint, Lang::Ro, 1));
        assert!(a.questions[0].starts_with("Unde"));
    }

    #[test]
    fn t2_a_systemic_complaint_never_gets_local_questions() {
        let a = advise(&situation(Kind::Complaint, Lang::Ru, 12));
        assert_eq!(a.strategy, Strategy::CompanyPosition);
        assert!(a.systemic);
        assert!(a.questions.is_empty());
        assert!(a.rules.contains(&"T2"));
    }

    #[test]
    fn st1_t3_t4_trolls_are_ignored_and_spam_hidden() {
        assert_eq!(
            advise(&situation(Kind::Troll, Lang::En, 0)).strategy,
            Strategy::IgnoreTroll
        );
        assert_eq!(
            advise(&situation(Kind::Spam, Lang::En, 0)).strategy,
            Strategy::HideSpam
        );
        assert_eq!(
            advise(&situation(Kind::Question, Lang::En, 0)).strategy,
            Strategy::AnswerQuestion
        );
    }

    #[test]
    fn m1_a_swearing_complaint_is_answered_not_removed() {
        let mut s = situation(Kind::Complaint, Lang::Ru, 0);
        s.profanity = true;
        let a = advise(&s);
        assert!(a.rules.contains(&"M1"));
    }
}
