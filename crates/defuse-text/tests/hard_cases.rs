//! Hard cases of the whole analysis with the shipped model, in Russian, English and Romanian:
//! sarcasm, negation, masked swearing, questions without marks, spam, personal data, kind.

use defuse_text::{Analysis, Analyzer, Kind, Lang, Scratch, Sentiment};

fn a(text: &str) -> Analysis {
    let analyzer = Analyzer::builtin().expect("the shipped model loads");
    analyzer.analyze(text, &mut Scratch::new(), false)
}

#[test]
fn sarcasm_is_negative() {
    for t in [
        "Спасибо, МТС, за третий день без связи 👏",
        "Not bad at all — 45 min on hold and then the call drops",
        "Mulțumesc pentru a treia zi fără internet, bravo",
        "Great job @united, lost my bag again",
    ] {
        let r = a(t);
        assert_eq!(r.sentiment, Sentiment::Negative, "{t}: {:?}", r.scores);
        assert_eq!(r.kind, Kind::Complaint, "{t}");
    }
}

#[test]
fn negated_negatives_are_not_negative() {
    for t in [
        "не плохо",
        "Not bad at all, the new app is fast",
        "nu e rău deloc, recomand",
    ] {
        let r = a(t);
        assert_ne!(r.sentiment, Sentiment::Negative, "{t}: {:?}", r.scores);
    }
}

#[test]
fn complaints_with_swearing_stay_complaints() {
    let r = a("бл*, опять не работает интернет, верните деньги!!!");
    assert!(r.profanity);
    assert_eq!(r.kind, Kind::Complaint);
    assert!(r.emotion > 0.5, "{}", r.emotion);
}

// T3: harsh words about a company are negative, not toxic.
#[test]
fn trolls_and_harsh_words() {
    let troll = a("вы все идиоты и дебилы");
    assert!(troll.toxic);
    assert_eq!(troll.kind, Kind::Troll);
    let harsh = a("МТС воры, списали 500 рублей за подписку, которую я не оформлял");
    assert!(!harsh.toxic, "{}", harsh.toxicity);
    assert_eq!(harsh.kind, Kind::Complaint);
    let en = a("you are all fucking idiots");
    assert!(en.toxic && en.profanity);
    // Slurs aimed at a person are insults, whatever other words come along.
    let slur = a("@user you a dumb bitch, nobody asked");
    assert!(slur.toxic, "{}", slur.toxicity);
    assert_eq!(slur.kind, Kind::Troll);
    let hate = a("хохлы и жиды виноваты, вешать их");
    assert!(hate.toxic, "{}", hate.toxicity);
    assert_eq!(hate.kind, Kind::Troll);
    // Swearing at a situation is profanity in a complaint, not an insult.
    let swear = a("сука, опять интернет не работает третий день");
    assert!(swear.profanity && !swear.toxic, "{}", swear.toxicity);
    assert_eq!(swear.kind, Kind::Complaint);
    let nobody = a("I've called three times and nobody answers, my bag is still lost");
    assert_eq!(nobody.kind, Kind::Complaint);
}

// L2
#[test]
fn questions_angry_and_rhetorical() {
    for t in [
        "почему не отвечаете??",
        "ну и где?",
        "do you even read these?",
        "De ce nu răspundeți",
    ] {
        let r = a(t);
        assert!(r.question, "{t}");
        assert_eq!(r.kind, Kind::Question, "{t}");
    }
    let money = a("почему с меня второй раз списали 500 рублей??");
    assert!(money.question);
    assert_eq!(money.kind, Kind::Complaint);
}

// T4
#[test]
fn spam() {
    for t in [
        "Заработок от 5000₽ в день без вложений, пиши в лс",
        "Earn $500/day from home!!! DM me https://bit.ly/x",
        "Câștigă bani rapid de acasă, investiții crypto, link in bio",
    ] {
        let r = a(t);
        assert!(r.spam, "{t}");
        assert_eq!(r.kind, Kind::Spam);
    }
}

// RC11
#[test]
fn private_data_is_found_with_spans() {
    let t = "Карта 4276 1600 1234 5675, телефон +7 916 123-45-67, пишите ivan@mail.ru";
    let r = a(t);
    let kinds: Vec<&str> = r.private_data.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, vec!["card", "phone", "email"]);
    assert_eq!(
        &t[r.private_data[0].start..r.private_data[0].end],
        "4276 1600 1234 5675"
    );
    let flight = a("Flight SU 1234 delayed, paid 1500 руб for nothing on 25.11.2026");
    assert!(flight.private_data.is_empty(), "{:?}", flight.private_data);
}

#[test]
fn praise_and_other() {
    assert_eq!(a("Обожаю ваш сервис ❤️").kind, Kind::Praise);
    assert_eq!(
        a("Thank you so much, the support team was amazing!").kind,
        Kind::Praise
    );
    assert_eq!(
        a("Livrare rapidă, produs excelent, mulțumesc!").kind,
        Kind::Praise
    );
    assert_eq!(a("В Москве открылся новый офис банка").kind, Kind::Other);
}

#[test]
fn languages() {
    assert_eq!(a("Чому не працює інтернет вже третій день?").lang, Lang::Uk);
    assert_eq!(a("Nu merge aplicația de ieri").lang, Lang::Ro);
    assert_eq!(a("My flight got cancelled").lang, Lang::En);
    assert_eq!(a("Опять не работает").lang, Lang::Ru);
}

#[test]
fn explain_names_the_rules() {
    let analyzer = Analyzer::builtin().expect("model");
    let r = analyzer.analyze(
        "Спасибо, МТС, за третий день без связи 👏",
        &mut Scratch::new(),
        true,
    );
    let e = r.explain.expect("explain requested");
    assert!(
        e.sentiment_rules.iter().any(|s| s.contains("sarcasm")),
        "{e:?}"
    );
    assert!(e.kind.starts_with("T1"), "{}", e.kind);
    assert!(!e.sentiment.is_empty());
}
