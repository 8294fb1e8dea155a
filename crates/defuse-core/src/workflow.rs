//! The case lifecycle [RT2, RC11, F1, F2, ST1, T3]: the statuses a case moves through, which
//! moves a person may make and why some are refused, what a new customer message does to a case,
//! and who may do what (agents, supervisors, the system itself).
//!
//! new → acknowledged (the first public answer) → in_private → waiting_customer → resolved →
//! resolution_posted (F2) → followed_up (F1) → closed; or ignored with a reason (a troll [T3,
//! ST1], an unrelated mention). A new customer message reopens a case that was waiting, resolved
//! or closed.

use defuse_text::Kind;
use serde::{Deserialize, Serialize};

defuse_text::named_enum! {
    /// Where a case stands.
    pub enum Status {
        /// Nobody has answered yet: the first-response clock runs [RT1].
        New = "new",
        /// The brand answered publicly [RT2].
        Acknowledged = "acknowledged",
        /// The conversation moved to private messages for details [RC11].
        InPrivate = "in_private",
        /// The desk waits for the customer: the clocks are paused.
        WaitingCustomer = "waiting_customer",
        /// The problem is solved (or nothing was found and the customer was told [RT3]).
        Resolved = "resolved",
        /// The resolution was said publicly in the same thread [F2].
        ResolutionPosted = "resolution_posted",
        /// The customer confirmed at the check-back that the problem is gone [F1].
        FollowedUp = "followed_up",
        Closed = "closed",
        /// Deliberately not answered, with a reason [ST1, T3].
        Ignored = "ignored",
    }
}

impl Status {
    /// The desk still owes the customer something: an answer or a solution.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::New | Status::Acknowledged | Status::InPrivate | Status::WaitingCustomer
        )
    }

    /// Solved: the resolution clock has stopped.
    pub fn is_solved(self) -> bool {
        matches!(
            self,
            Status::Resolved | Status::ResolutionPosted | Status::FollowedUp | Status::Closed
        )
    }
}

defuse_text::named_enum! {
    /// Who acts. Every role has a machine name, `system` included; a token's role is one of
    /// [`Role::PEOPLE`], read with [`Role::parse_person`].
    pub enum Role {
        /// Reads the queue, cases, audit and stats; changes nothing.
        Reader = "reader",
        /// Works cases: posts mentions, replies, moves, assigns, follows up, moderates by the
        /// policy.
        Agent = "agent",
        /// An agent who may also override the moderation policy with a written reason [M1].
        Supervisor = "supervisor",
        /// A supervisor who also manages the desk's tokens.
        Admin = "admin",
        /// defuse itself (a new customer message, a job).
        System = "system",
    }
}

impl Role {
    /// The role a token can have with this name: one of [`Role::PEOPLE`], never `system`.
    pub fn parse_person(s: &str) -> Option<Role> {
        Role::parse(s).filter(|r| Role::PEOPLE.contains(r))
    }

    /// The roles a token can have, least first.
    pub const PEOPLE: [Role; 4] = [Role::Reader, Role::Agent, Role::Supervisor, Role::Admin];

    pub fn may_override(self) -> bool {
        self.may(Permission::Override)
    }

    /// What this role may do (the table in docs/workflow.md).
    pub fn may(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Reader => matches!(p, Read),
            Role::Agent => matches!(p, Read | Work),
            Role::Supervisor => matches!(p, Read | Work | Override),
            Role::Admin | Role::System => true,
        }
    }
}

/// What a request needs of its token's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read cases, mentions, audit, stats; ask the coach.
    Read,
    /// Change cases: post mentions, reply, move, assign, follow up, moderate within the policy.
    Work,
    /// Override the moderation policy with a written reason [M1].
    Override,
    /// Manage tokens.
    Admin,
}

#[cfg(test)]
mod role_table {
    use super::{Permission, Role};

    /// Every cell of the role table in docs/workflow.md.
    #[test]
    fn each_role_may_do_exactly_what_the_table_says() {
        use Permission::*;
        let table = [
            (Role::Reader, [true, false, false, false]),
            (Role::Agent, [true, true, false, false]),
            (Role::Supervisor, [true, true, true, false]),
            (Role::Admin, [true, true, true, true]),
        ];
        for (role, cells) in table {
            for (p, want) in [Read, Work, Override, Admin].into_iter().zip(cells) {
                assert_eq!(role.may(p), want, "{role:?} {p:?}");
            }
        }
        for r in Role::PEOPLE {
            assert_eq!(Role::parse_person(r.as_str()), Some(r));
        }
        assert_eq!(
            Role::parse_person("system"),
            None,
            "no token is defuse itself"
        );
        assert_eq!(
            Role::parse("system"),
            Some(Role::System),
            "as serde reads it"
        );
    }
}

/// A person (or defuse itself) acting on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub role: Role,
}

impl Actor {
    pub fn system() -> Actor {
        Actor {
            name: "defuse".into(),
            role: Role::System,
        }
    }
}

/// Why a move was refused: a stable code, the rule behind it and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub code: &'static str,
    /// The method rule behind the refusal, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    pub message: String,
}

impl Refusal {
    pub fn new(code: &'static str, rule: Option<&'static str>, message: impl Into<String>) -> Self {
        Refusal {
            code,
            rule,
            message: message.into(),
        }
    }
}

/// Checks a move a person asks for. `answered`: the brand has answered the customer publicly
/// (the first-response clock has stopped). A reason is required where the move needs explaining: ignoring [ST1], reopening,
/// and closing a case whose follow-up was never done [F1].
pub fn check_transition(
    from: Status,
    to: Status,
    reason: &str,
    answered: bool,
) -> Result<(), Refusal> {
    use Status::*;
    let reason = reason.trim();
    if from == to {
        return Err(Refusal::new(
            "no_change",
            None,
            format!("the case is already {}", to.as_str()),
        ));
    }
    let need_reason = |why: &str| -> Result<(), Refusal> {
        if reason.is_empty() {
            Err(Refusal::new(
                "reason_required",
                None,
                format!(
                    "moving a case from {} to {} needs a reason: {why}",
                    from.as_str(),
                    to.as_str()
                ),
            ))
        } else {
            Ok(())
        }
    };
    let refuse = |code: &'static str, rule: Option<&'static str>, msg: String| {
        Err(Refusal::new(code, rule, msg))
    };
    match (from, to) {
        (Ignored, New) if !answered => need_reason("say why the case is taken up again"),
        (_, New) => refuse(
            "not_allowed",
            None,
            "a case cannot be moved back to new; reopen it as acknowledged".into(),
        ),
        (New, Acknowledged) => refuse(
            "not_answered",
            Some("RT2"),
            "a case is acknowledged by the first public answer: record the reply (it moves the \
             case) [RT2]"
                .into(),
        ),
        (Ignored, Acknowledged) if !answered => refuse(
            "not_answered",
            Some("RT2"),
            "the customer was never answered: take the case up again as new".into(),
        ),
        (InPrivate | WaitingCustomer, Acknowledged) => Ok(()),
        (Resolved | ResolutionPosted | FollowedUp | Closed | Ignored, Acknowledged) => {
            need_reason("say why the case is reopened")
        }
        (New, InPrivate) => refuse(
            "public_first",
            Some("RC11"),
            "answer publicly first, then move to private messages [RC11]".into(),
        ),
        (Acknowledged | WaitingCustomer, InPrivate) => Ok(()),
        (New, WaitingCustomer) => refuse(
            "not_answered",
            Some("RT2"),
            "the customer has not been answered yet: answer before waiting for them [RT2]".into(),
        ),
        (Acknowledged | InPrivate, WaitingCustomer) => Ok(()),
        (New, Resolved) if !answered => refuse(
            "not_answered",
            Some("F2"),
            "the customer has not been answered: tell them in the thread how it was solved [F2, RT2]"
                .into(),
        ),
        (New | Acknowledged | InPrivate | WaitingCustomer, Resolved) => Ok(()),
        (Resolved, ResolutionPosted) => Ok(()),
        (Resolved | ResolutionPosted, FollowedUp) => Ok(()),
        (FollowedUp, Closed) => Ok(()),
        (Resolved | ResolutionPosted, Closed) => {
            need_reason("the follow-up [F1] was not done; say why the case closes without it")
        }
        (New | Acknowledged, Ignored) => need_reason(
            "say why it is not answered (a troll [T3], an unrelated mention); ignored negativity accumulates [ST1]",
        ),
        (InPrivate | WaitingCustomer, Ignored) => refuse(
            "not_allowed",
            Some("F3"),
            "the conversation with the customer has started: resolve or close it instead [F3]"
                .into(),
        ),
        _ => refuse(
            "not_allowed",
            None,
            format!("a case cannot move from {} to {}", from.as_str(), to.as_str()),
        ),
    }
}

/// What a new customer message does to a case in `status` [F3]: a case that waits for the
/// customer goes back to work; a solved or closed case reopens; an ignored case reopens only when
/// the customer now complains or asks (a troll's next insult stays ignored [T3]), as new when it
/// was never answered. `None`: no change.
pub fn on_customer_message(
    status: Status,
    kind: Kind,
    private: bool,
    answered: bool,
) -> Option<Status> {
    match status {
        Status::New | Status::Acknowledged | Status::InPrivate => None,
        Status::WaitingCustomer => Some(if private {
            Status::InPrivate
        } else {
            Status::Acknowledged
        }),
        Status::Resolved | Status::ResolutionPosted | Status::FollowedUp | Status::Closed => {
            Some(Status::Acknowledged)
        }
        Status::Ignored => match kind {
            Kind::Complaint | Kind::Question if answered => Some(Status::Acknowledged),
            Kind::Complaint | Kind::Question => Some(Status::New),
            _ => None,
        },
    }
}

/// What a reply of the brand recorded on a case does to its status: the first public answer
/// acknowledges a new case [RT2]; a private one after it moves the case to private [RC11]; a
/// public answer after the case was resolved is the resolution posted in the thread [F2].
pub fn on_reply(status: Status, public: bool) -> Option<Status> {
    match (status, public) {
        (Status::New, true) => Some(Status::Acknowledged),
        (Status::Acknowledged, false) => Some(Status::InPrivate),
        (Status::Resolved, true) => Some(Status::ResolutionPosted),
        _ => None,
    }
}

defuse_text::named_enum! {
    /// The outcome of a follow-up [F1].
    pub enum FollowUpOutcome {
        /// The customer confirms the problem is gone: the case is followed up.
        Solved = "solved",
        /// Still broken: the case reopens.
        StillBroken = "still_broken",
        /// The customer did not answer the check-back (it was done; the case counts as followed
        /// up).
        NoAnswer = "no_answer",
    }
}

impl FollowUpOutcome {
    /// The status the case moves to.
    pub fn next_status(self) -> Status {
        match self {
            FollowUpOutcome::Solved | FollowUpOutcome::NoAnswer => Status::FollowedUp,
            FollowUpOutcome::StillBroken => Status::Acknowledged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn the_happy_path_is_allowed() {
        assert!(
            check_transition(New, Acknowledged, "", false).is_err(),
            "RT2: by a reply"
        );
        let path = [
            Acknowledged,
            InPrivate,
            WaitingCustomer,
            InPrivate,
            Resolved,
            ResolutionPosted,
            FollowedUp,
            Closed,
        ];
        for w in path.windows(2) {
            assert_eq!(check_transition(w[0], w[1], "", true), Ok(()), "{w:?}");
        }
    }

    #[test]
    fn rc11_private_only_after_a_public_answer() {
        let e = check_transition(New, InPrivate, "", false).expect_err("refused");
        assert_eq!(e.rule, Some("RC11"));
    }

    #[test]
    fn st1_ignoring_needs_a_reason() {
        let e = check_transition(New, Ignored, " ", false).expect_err("refused");
        assert_eq!(e.code, "reason_required");
        assert_eq!(check_transition(New, Ignored, "troll [T3]", false), Ok(()));
    }

    #[test]
    fn f1_closing_without_follow_up_needs_a_reason() {
        assert!(check_transition(Resolved, Closed, "", true).is_err());
        assert!(check_transition(Resolved, Closed, "customer left the platform", true).is_ok());
        assert!(check_transition(FollowedUp, Closed, "", true).is_ok());
    }

    #[test]
    fn reopening_needs_a_reason_and_nothing_goes_back_to_new() {
        assert!(check_transition(Closed, Acknowledged, "", true).is_err());
        assert!(check_transition(Closed, Acknowledged, "customer wrote again", true).is_ok());
        assert!(check_transition(Acknowledged, New, "x", true).is_err());
    }

    #[test]
    fn a_customer_message_reopens_solved_and_waiting_cases() {
        assert_eq!(
            on_customer_message(Closed, Kind::Other, false, true),
            Some(Acknowledged)
        );
        assert_eq!(
            on_customer_message(WaitingCustomer, Kind::Other, true, true),
            Some(InPrivate)
        );
        assert_eq!(
            on_customer_message(Acknowledged, Kind::Complaint, false, true),
            None
        );
        // T3: a troll's next insult stays ignored; a real complaint reopens — as new when
        // nobody ever answered.
        assert_eq!(
            on_customer_message(Ignored, Kind::Troll, false, false),
            None
        );
        assert_eq!(
            on_customer_message(Ignored, Kind::Complaint, false, true),
            Some(Acknowledged)
        );
        assert_eq!(
            on_customer_message(Ignored, Kind::Complaint, false, false),
            Some(New)
        );
        assert_eq!(
            check_transition(Ignored, New, "wrongly ignored", false),
            Ok(())
        );
        assert!(check_transition(Ignored, Acknowledged, "x", false).is_err());
    }

    #[test]
    fn replies_move_the_case() {
        assert_eq!(on_reply(New, true), Some(Acknowledged));
        assert_eq!(on_reply(New, false), None);
        assert_eq!(on_reply(Acknowledged, false), Some(InPrivate));
        assert_eq!(on_reply(Resolved, true), Some(ResolutionPosted)); // F2
    }

    #[test]
    fn statuses_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
