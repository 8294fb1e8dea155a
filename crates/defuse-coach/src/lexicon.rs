//! The phrase tables of the check, per rule and language (Russian, English, Romanian), and the
//! matcher that finds them in a draft's tokens.
//!
//! A pattern is words separated by spaces, written as a person would (diacritics, ё and case are
//! folded when the table is built):
//! - `word` matches that word exactly; `stem*` any word starting with the stem (Russian and
//!   Romanian inflection: `виноват*` covers виноваты, виновата…); `*ti` any word ending so;
//! - `a|b` either; `..` up to three words of anything; `^` (first) the start of a sentence.
//!
//! A match never crosses a sentence. Patterns are indexed by the first two letters of their first
//! word, so each word of a draft tries only the few patterns that can start there: the scan is
//! linear in the draft.

use crate::text::{Text, TokKind};
use defuse_text::tokenize::fold_into;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// RC1: thanks.
    Thanks,
    /// RC1: an apology or regret.
    Apology,
    /// Formulas that carry no substance (greetings, empathy, farewells) [RC2].
    Formula,
    /// RC2: incompetence or deflection.
    Incompetence,
    /// RC3: a solution, next step or channel.
    Step,
    /// RC11: a move to private messages or another private channel.
    Private,
    /// RC4: an aggressive, defensive, sarcastic or vengeful phrase.
    Aggressive,
    /// RC4: an insult.
    Insult,
    /// RC5: accusing the customer.
    Accuse,
    /// RC6: a discount, bonus, promo code or voucher offered.
    Compensation,
    /// RC6: an explanation of what went wrong or what was done about it.
    Explanation,
    /// RC7: a personal opinion.
    Opinion,
    /// RC7: the agent's own emotion.
    Emotion,
    /// RC9: humour.
    Humour,
    /// RC11: a request verb (write, send, tell us…).
    Ask,
    /// RC11: data never to be asked in public: cards, identity documents, full account numbers.
    Confidential,
    /// RC11: secrets never to be asked at all: passwords, PINs, CVV, one-time codes.
    Secret,
    /// RC11: personal data better asked in private: order, phone, address, e-mail, full name.
    Personal,
    /// T2: local questions (where, when, with whom).
    LocalQuestion,
    /// T3: a reminder of the community rules (the one acceptable reply to a troll).
    CommunityRules,
}

const TABLE: &[(Tag, &str)] = &[
    // RC1 — thanks
    (Tag::Thanks, "спасиб*"),
    (Tag::Thanks, "благодар*"),
    (Tag::Thanks, "признательн*"),
    (Tag::Thanks, "thank*"),
    (Tag::Thanks, "thx"),
    (Tag::Thanks, "grateful"),
    (Tag::Thanks, "appreciate*"),
    (Tag::Thanks, "mulțum*"),
    (Tag::Thanks, "mersi"),
    (Tag::Thanks, "apreciem"),
    (Tag::Thanks, "recunoscător*"),
    // RC1 — apology
    (Tag::Apology, "извин*"),
    (Tag::Apology, "простите"),
    (Tag::Apology, "прости"),
    (Tag::Apology, "прошу|просим прощения"),
    (Tag::Apology, "сожале*"),
    (Tag::Apology, "жаль"),
    (Tag::Apology, "sorry"),
    (Tag::Apology, "apolog*"),
    (Tag::Apology, "regret*"),
    (Tag::Apology, "scuz*"),
    (Tag::Apology, "pare rău"),
    (Tag::Apology, "regretăm"),
    // RC2 — formulas without substance
    (Tag::Formula, "здравствуй*"),
    (Tag::Formula, "добр* день|утро|вечер"),
    (Tag::Formula, "привет*"),
    (Tag::Formula, "уважаем* клиент*|покупател*"),
    (Tag::Formula, "всего доброго|хорошего"),
    (Tag::Formula, "хорошего дня|вечера"),
    (Tag::Formula, "с уважением"),
    (Tag::Formula, "hi|hello|hey|dear"),
    (Tag::Formula, "good morning|afternoon|evening"),
    (Tag::Formula, "take care"),
    (Tag::Formula, "have a nice|good|great day"),
    (Tag::Formula, "kind|best regards"),
    (Tag::Formula, "to hear that"),
    (Tag::Formula, "bună ziua|seara|dimineața"),
    (Tag::Formula, "bună|salut*|stimat*"),
    (Tag::Formula, "o zi|seară bună"),
    (Tag::Formula, "cu stimă"),
    (Tag::Formula, "toate cele bune"),
    // RC2 — incompetence and deflection
    (Tag::Incompetence, "не знаю|знаем"),
    (Tag::Incompetence, "без понятия"),
    (Tag::Incompetence, "понятия не имею|имеем"),
    (Tag::Incompetence, "не понимаю|понимаем .. проблем*"),
    (Tag::Incompetence, "не понимаю|понимаем в|о чем"),
    (Tag::Incompetence, "не туда написали|обратились|пишете"),
    (Tag::Incompetence, "не к нам"),
    (Tag::Incompetence, "не наша|наши проблем*"),
    (Tag::Incompetence, "не наше дело"),
    (Tag::Incompetence, "не в нашей компетенции"),
    (Tag::Incompetence, "ничем не можем|могу помочь"),
    (Tag::Incompetence, "ничем помочь не можем|могу"),
    (Tag::Incompetence, "ничего не можем|могу сделать"),
    (Tag::Incompetence, "не можем|могу ничего сделать"),
    (Tag::Incompetence, "претензии к ним"),
    (Tag::Incompetence, "не зависит от нас|меня"),
    (Tag::Incompetence, "от нас|меня не зависит"),
    (Tag::Incompetence, "don't|dont understand .. problem|issue"),
    (Tag::Incompetence, "do not understand .. problem|issue"),
    (Tag::Incompetence, "not sure what you mean"),
    (Tag::Incompetence, "don't understand what you mean"),
    (
        Tag::Incompetence,
        "not our problem|issue|responsibility|department",
    ),
    (Tag::Incompetence, "courier's|carrier's|bank's problem"),
    (Tag::Incompetence, "nothing we can do"),
    (Tag::Incompetence, "nothing to do with us"),
    (Tag::Incompetence, "take it up with"),
    (Tag::Incompetence, "не можем повлиять"),
    (Tag::Incompetence, "we have no control over"),
    (Tag::Incompetence, "nu putem influența"),
    (
        Tag::Incompetence,
        "затрудняемся|затрудняюсь ответить|сказать",
    ),
    (Tag::Incompetence, "don't|dont know what you're talking"),
    (Tag::Incompetence, "not sure what you're talking"),
    (Tag::Incompetence, "i|we don't|dont know"),
    (Tag::Incompetence, "don't|dont know what you are talking"),
    (Tag::Incompetence, "not sure what you are talking"),
    (Tag::Incompetence, "i|we do not know"),
    (Tag::Incompetence, "i|we have no idea"),
    (Tag::Incompetence, "contacted|reached|messaged the wrong"),
    (Tag::Incompetence, "nu știm|știu"),
    (Tag::Incompetence, "habar n-am|n-avem"),
    (Tag::Incompetence, "n-am|n-avem idee"),
    (Tag::Incompetence, "nu înțeleg|înțelegem .. problema"),
    (Tag::Incompetence, "nu înțeleg|înțelegem ce"),
    (Tag::Incompetence, "nu ați scris unde"),
    (Tag::Incompetence, "nu e|este treaba noastră"),
    (Tag::Incompetence, "nu ține de noi"),
    (Tag::Incompetence, "nu e|este problema noastră"),
    (Tag::Incompetence, "nu putem face nimic"),
    (Tag::Incompetence, "nu avem ce face"),
    (Tag::Incompetence, "nu depinde de noi|mine"),
    (Tag::Incompetence, "v-ați adresat greșit"),
    // RC3 — a next step, a solution or a channel
    (Tag::Step, "напиш*"),
    (Tag::Step, "пишите"),
    (Tag::Step, "пришл*"),
    (Tag::Step, "присыла*"),
    (Tag::Step, "укаж*"),
    (Tag::Step, "уточн*"),
    (Tag::Step, "подскаж*"),
    (Tag::Step, "сообщите|сообщим|сообщу"),
    (Tag::Step, "личн* сообщ*"),
    (Tag::Step, "личк*"),
    (Tag::Step, "лс"),
    (Tag::Step, "директ*"),
    (Tag::Step, "свяж*"),
    (Tag::Step, "позвон*"),
    (Tag::Step, "звоните"),
    (Tag::Step, "провер*"),
    (Tag::Step, "разбер*"),
    (Tag::Step, "выясн*"),
    (Tag::Step, "передал*"),
    (Tag::Step, "передад*"),
    (Tag::Step, "передам"),
    (Tag::Step, "вернем|вернуть|вернут|вернем"),
    (Tag::Step, "замен*"),
    (Tag::Step, "оформим|оформить|оформляем"),
    (Tag::Step, "перевыпуст*"),
    (Tag::Step, "перенаправ*"),
    (Tag::Step, "отправим|отправили|направили|направим"),
    (Tag::Step, "исправ*"),
    (Tag::Step, "устран*"),
    (Tag::Step, "восстанов*"),
    (Tag::Step, "откроем|открыли"),
    (Tag::Step, "занимаемся|займемся"),
    (Tag::Step, "решим|решить|решаем|решение"),
    (Tag::Step, "помож*"),
    (Tag::Step, "помочь"),
    (Tag::Step, "заберем"),
    (Tag::Step, "привезет|привезем"),
    (Tag::Step, "компенсиру*"),
    (Tag::Step, "ссылк*"),
    (Tag::Step, "сайт*"),
    (Tag::Step, "раздел*"),
    (Tag::Step, "чат*"),
    (Tag::Step, "горяч* лини*"),
    (Tag::Step, "форм*"),
    (Tag::Step, "заявк*"),
    (Tag::Step, "специалист*"),
    (Tag::Step, "руководител*"),
    (Tag::Step, "подпиш*"),
    (Tag::Step, "доставля*"),
    (Tag::Step, "обратитесь|обращайтесь"),
    (Tag::Step, "в курсе"),
    (Tag::Step, "будем сообщать|информировать"),
    (Tag::Step, "ожидайте"),
    (Tag::Step, "сегодня|завтра"),
    (Tag::Step, "в течение"),
    (Tag::Step, "мы уже|сами *ли"),
    (Tag::Step, "мы *ли"),
    (Tag::Step, "dm|dms"),
    (Tag::Step, "direct|private message*"),
    (Tag::Step, "privately"),
    (Tag::Step, "message|send|tell|email|call us"),
    (Tag::Step, "send me"),
    (Tag::Step, "let us|me know"),
    (Tag::Step, "contact"),
    (Tag::Step, "call|calls|calling"),
    (Tag::Step, "emailed|e-mailed"),
    (Tag::Step, "by|via email"),
    (Tag::Step, "we'll|we'd"),
    (Tag::Step, "we will|shall"),
    (Tag::Step, "we've"),
    (
        Tag::Step,
        "we have|are checking|looking|working|investigating|rolling|sending|sorting",
    ),
    (
        Tag::Step,
        "we're checking|looking|working|investigating|rolling|sending|sorting",
    ),
    (Tag::Step, "i'll|i've"),
    (Tag::Step, "i will"),
    (Tag::Step, "look into"),
    (Tag::Step, "looking into"),
    (Tag::Step, "investigat*"),
    (Tag::Step, "refund*"),
    (Tag::Step, "replac*"),
    (Tag::Step, "fix|fixed|fixing"),
    (Tag::Step, "resolv*"),
    (Tag::Step, "sort it|this"),
    (Tag::Step, "escalat*"),
    (Tag::Step, "forward*"),
    (Tag::Step, "link"),
    (Tag::Step, "form"),
    (Tag::Step, "follow* up"),
    (Tag::Step, "update you"),
    (Tag::Step, "updates"),
    (Tag::Step, "get back"),
    (Tag::Step, "arrang*"),
    (Tag::Step, "rebook*"),
    (Tag::Step, "repair*"),
    (Tag::Step, "chat"),
    (Tag::Step, "hotline|helpline"),
    (Tag::Step, "website|site|checkout|app"),
    (Tag::Step, "you can"),
    (Tag::Step, "today|tomorrow"),
    (Tag::Step, "scrie*"),
    (Tag::Step, "trimite*"),
    (Tag::Step, "trimitem"),
    (Tag::Step, "spune*"),
    (Tag::Step, "contact*"),
    (Tag::Step, "sunați|sunăm|sună"),
    (Tag::Step, "privat"),
    (Tag::Step, "verificăm|verificam|verifica|verific"),
    (Tag::Step, "reven*"),
    (Tag::Step, "înlocu*"),
    (Tag::Step, "rezolv*"),
    (Tag::Step, "repar*"),
    (Tag::Step, "remedi*"),
    (Tag::Step, "ramburs*"),
    (Tag::Step, "returna*"),
    (Tag::Step, "redirecțion*"),
    (Tag::Step, "program*"),
    (Tag::Step, "transmi*"),
    (Tag::Step, "vom"),
    (Tag::Step, "vor|va fi"),
    (Tag::Step, "am deja *at|*it|*ut"),
    (Tag::Step, "am *at|*it|*ut"),
    (Tag::Step, "o să"),
    (Tag::Step, "lucrăm|lucrează"),
    (Tag::Step, "ne ocupăm"),
    (Tag::Step, "investig*"),
    (Tag::Step, "formular*"),
    (Tag::Step, "site*"),
    (Tag::Step, "găsiți|găsești"),
    (Tag::Step, "astăzi|azi|mâine"),
    (Tag::Step, "propun*"),
    (Tag::Step, "urmăriți"),
    (Tag::Step, "adresa|adresați"),
    (Tag::Step, "puteți"),
    (Tag::Step, "mergeți"),
    // RC11 — a private channel
    (Tag::Private, "личн* сообщ*"),
    (Tag::Private, "личн* переписк*"),
    (Tag::Private, "личк*"),
    (Tag::Private, "лс|лс-ку"),
    (Tag::Private, "директ*"),
    (Tag::Private, "в личные|личных"),
    (Tag::Private, "по телефону"),
    (Tag::Private, "горяч* лини*"),
    (Tag::Private, "чат* на сайте|в приложении"),
    (Tag::Private, "dm|dms|pm|inbox"),
    (Tag::Private, "direct|private message*"),
    (Tag::Private, "privately"),
    (Tag::Private, "in private"),
    (Tag::Private, "by phone"),
    (Tag::Private, "email us"),
    (Tag::Private, "by|via email"),
    (Tag::Private, "secure form"),
    (Tag::Private, "privat"),
    (Tag::Private, "mesaj* privat*"),
    (Tag::Private, "telefonic"),
    (Tag::Private, "prin e-mail|email"),
    // RC4 — aggressive, defensive, sarcastic or vengeful
    (Tag::Aggressive, "успокойтесь|успокойся"),
    (Tag::Aggressive, "не кричите"),
    (Tag::Aggressive, "перестаньте кричать|писать|жаловаться"),
    (Tag::Aggressive, "не надо устраивать"),
    (Tag::Aggressive, "хватит ныть|жаловаться"),
    (Tag::Aggressive, "никто не заставляет"),
    (Tag::Aggressive, "никто вас не заставляет"),
    (Tag::Aggressive, "сами разбирайтесь"),
    (Tag::Aggressive, "это ваши проблемы"),
    (Tag::Aggressive, "не ваше дело"),
    (Tag::Aggressive, "не выдумывайте|придумывайте"),
    (Tag::Aggressive, "вы лжете|врете|обманываете"),
    (Tag::Aggressive, "вранье"),
    (Tag::Aggressive, "клевет*"),
    (Tag::Aggressive, "в суд"),
    (Tag::Aggressive, "заблокируем вас"),
    (Tag::Aggressive, "как же иначе"),
    (Tag::Aggressive, "ага конечно"),
    (Tag::Aggressive, "ой все"),
    (Tag::Aggressive, "не только у нас"),
    (Tag::Aggressive, "трудно|сложно поверить"),
    (Tag::Aggressive, "hard to believe"),
    (Tag::Aggressive, "мы не обязаны"),
    (Tag::Aggressive, "we are not obliged|obligated|required"),
    (Tag::Aggressive, "we're not obliged|obligated|required"),
    (Tag::Aggressive, "nu suntem obligați"),
    (Tag::Aggressive, "обычно все довольны"),
    (Tag::Aggressive, "у нас все довольны"),
    (Tag::Aggressive, "that's|thats just how it is"),
    (Tag::Aggressive, "everyone else is happy|satisfied"),
    (Tag::Aggressive, "toată lumea e|este mulțumită"),
    (Tag::Aggressive, "greu de crezut"),
    (Tag::Aggressive, "^ сами попробуйте"),
    (Tag::Aggressive, "бывают|бывает везде"),
    (Tag::Aggressive, "истерик*"),
    (Tag::Aggressive, "мы не виноват*"),
    (Tag::Aggressive, "мы в этом не виноват*"),
    (Tag::Aggressive, "нет нашей вины"),
    (Tag::Aggressive, "не наша вина"),
    (Tag::Aggressive, "это неправда"),
    (Tag::Aggressive, "calm down"),
    (
        Tag::Aggressive,
        "stop shouting|yelling|whining|complaining|spreading",
    ),
    (Tag::Aggressive, "nobody is forcing"),
    (Tag::Aggressive, "no one is forcing"),
    (Tag::Aggressive, "nobody forced"),
    (Tag::Aggressive, "no one forced"),
    (Tag::Aggressive, "go|shop elsewhere"),
    (Tag::Aggressive, "that's your problem"),
    (Tag::Aggressive, "that is your problem"),
    (Tag::Aggressive, "your own problem"),
    (Tag::Aggressive, "not our fault"),
    (Tag::Aggressive, "owe you nothing"),
    (Tag::Aggressive, "don't owe you"),
    (Tag::Aggressive, "sue you"),
    (Tag::Aggressive, "see you in court"),
    (Tag::Aggressive, "^ oh sure"),
    (Tag::Aggressive, "spreading lies"),
    (Tag::Aggressive, "you're lying"),
    (Tag::Aggressive, "liar|liars"),
    (Tag::Aggressive, "you are lying"),
    (Tag::Aggressive, "we'll take legal action"),
    (Tag::Aggressive, "we will take legal action"),
    (Tag::Aggressive, "legal action against you"),
    (Tag::Aggressive, "^ ei sigur"),
    (Tag::Aggressive, "prostii|aiureli"),
    (Tag::Aggressive, "не надо тут"),
    (Tag::Aggressive, "уже все объяснили"),
    (Tag::Aggressive, "русским языком"),
    (Tag::Aggressive, "читать умеете"),
    (Tag::Aggressive, "не надо нас учить"),
    (Tag::Aggressive, "без комментариев"),
    (Tag::Aggressive, "we've|we already explained"),
    (Tag::Aggressive, "we have already explained"),
    (Tag::Aggressive, "as we've|we already told|said"),
    (Tag::Aggressive, "as we have already told|said"),
    (Tag::Aggressive, "no comment"),
    (Tag::Aggressive, "v-am explicat deja"),
    (Tag::Aggressive, "v-am mai spus"),
    (Tag::Aggressive, "cum v-am spus deja"),
    (Tag::Aggressive, "fără comentarii"),
    (Tag::Aggressive, "мы|никому ничего не должны"),
    (Tag::Aggressive, "мы вам ничего не должны"),
    (Tag::Aggressive, "советуем|рекомендуем удалить"),
    (Tag::Aggressive, "yeah right"),
    (Tag::Aggressive, "says more about you"),
    (Tag::Aggressive, "how dare"),
    (Tag::Aggressive, "simply not true"),
    (Tag::Aggressive, "that's not true|false"),
    (Tag::Aggressive, "that is not true|false"),
    (Tag::Aggressive, "calmați-vă|calmează-te"),
    (Tag::Aggressive, "nu mai țipați"),
    (Tag::Aggressive, "nu vă obligă nimeni"),
    (Tag::Aggressive, "nu v-a obligat nimeni"),
    (Tag::Aggressive, "e|este problema dumneavoastră|ta"),
    (Tag::Aggressive, "nu e|este vina noastră"),
    (Tag::Aggressive, "nu suntem vinovați"),
    (Tag::Aggressive, "nu vă datorăm nimic"),
    (Tag::Aggressive, "mințiți|minciun*"),
    (Tag::Aggressive, "calomni*"),
    (Tag::Aggressive, "în judecată"),
    (Tag::Aggressive, "nu e|este adevărat"),
    (Tag::Insult, "дебил*"),
    (Tag::Insult, "идиот*"),
    (Tag::Insult, "неадекват*"),
    (Tag::Insult, "придур*"),
    (Tag::Insult, "кретин*"),
    (Tag::Insult, "быдл*"),
    (Tag::Insult, "idiot*"),
    (Tag::Insult, "stupid|moron*|clown*|dumb|pathetic"),
    (
        Tag::Insult,
        "proști|prostule|prostilor|idioți|idiotule|tâmpit*",
    ),
    // RC5 — accusing the customer
    (Tag::Accuse, "сами|сам|сама виноват*"),
    (Tag::Accuse, "ваша вина"),
    (Tag::Accuse, "по вашей вине"),
    (Tag::Accuse, "вина клиента"),
    (Tag::Accuse, "по вине клиента"),
    (Tag::Accuse, "вы должны|обязаны были"),
    (Tag::Accuse, "вы были должны|обязаны"),
    (Tag::Accuse, "вам следовало|стоило"),
    (Tag::Accuse, "вам нужно|надо было"),
    (
        Tag::Accuse,
        "надо|нужно было .. читать|прочитать|прочесть|смотреть|проверить|ознакомиться|думать|внимательнее",
    ),
    (
        Tag::Accuse,
        "следовало .. ознаком*|прочит*|прочес*|провер*|отмен*|читать|уведом*|предупред*",
    ),
    (Tag::Accuse, "стоило .. прочит*|ознаком*|провер*"),
    (Tag::Accuse, "внимательнее читать|читайте|смотреть"),
    (Tag::Accuse, "читайте внимательнее"),
    (Tag::Accuse, "вы не прочитал*|читали|ознакомил*"),
    (Tag::Accuse, "не удосужил*"),
    (Tag::Accuse, "вы невнимательн*"),
    (Tag::Accuse, "по невнимательности"),
    (Tag::Accuse, "вы неправильно|неверно"),
    (
        Tag::Accuse,
        "неправильно|неверно указ*|ввел*|заполн*|выбра*",
    ),
    (Tag::Accuse, "вы ошиб*"),
    (
        Tag::Accuse,
        "вы сами .. ввел*|указал*|выбрал*|согласил*|нажал*|сломал*",
    ),
    (Tag::Accuse, "вы сами не"),
    (Tag::Accuse, "если бы вы"),
    (Tag::Accuse, "dacă ați fi"),
    (Tag::Accuse, "вы что-то путаете"),
    (Tag::Accuse, "вы путаете"),
    (Tag::Accuse, "вы не так поняли"),
    (Tag::Accuse, "you're mistaken|wrong"),
    (Tag::Accuse, "you misread"),
    (Tag::Accuse, "you are mistaken|wrong"),
    (Tag::Accuse, "vă înșelați"),
    (Tag::Accuse, "ați înțeles greșit"),
    (Tag::Accuse, "вы сами *ли"),
    (Tag::Accuse, "вы не соблюд*"),
    (Tag::Accuse, "не соблюдали"),
    (Tag::Accuse, "вы нарушил*"),
    (Tag::Accuse, "вы сломал*|повредил*"),
    (Tag::Accuse, "скорее всего вы"),
    (Tag::Accuse, "прежде чем писать|обвинять|жаловаться"),
    (Tag::Accuse, "не обвиняйте"),
    (Tag::Accuse, "сначала разберитесь"),
    (Tag::Accuse, "не умеете"),
    (Tag::Accuse, "ваша обязанность|ответственность"),
    (Tag::Accuse, "на вашей ответственности"),
    (Tag::Accuse, "обязанность клиента"),
    (Tag::Accuse, "you should've|shouldn't"),
    (Tag::Accuse, "you should|must have"),
    (Tag::Accuse, "you were supposed to"),
    (Tag::Accuse, "you failed to"),
    (Tag::Accuse, "your own fault"),
    (Tag::Accuse, "your fault|mistake"),
    (Tag::Accuse, "user|customer error"),
    (Tag::Accuse, "you didn't read|check|follow|bother"),
    (Tag::Accuse, "you did not read|check|follow|bother"),
    (Tag::Accuse, "you ignored"),
    (
        Tag::Accuse,
        "you entered|typed|chose|selected|gave the|a wrong",
    ),
    (Tag::Accuse, "you entered|typed .. incorrectly|wrongly"),
    (Tag::Accuse, "you did|used it|something|this wrong"),
    (Tag::Accuse, "read the fine print"),
    (Tag::Accuse, "if you had read|checked"),
    (Tag::Accuse, "had you read|checked"),
    (Tag::Accuse, "next time read|check"),
    (Tag::Accuse, "next time please read|check"),
    (Tag::Accuse, "next time make sure"),
    (Tag::Accuse, "вы были предупреждены"),
    (Tag::Accuse, "you were warned"),
    (Tag::Accuse, "you agreed to"),
    (Tag::Accuse, "ați fost avertizat|avertizată|avertizați"),
    (Tag::Accuse, "ваша ошибка"),
    (Tag::Accuse, "проверяйте .. при получении"),
    (
        Tag::Accuse,
        "внимательнее|аккуратнее|бережнее *йте|*ите|*йтесь|*итесь",
    ),
    (Tag::Accuse, "будьте внимательнее|аккуратнее|осторожнее"),
    (Tag::Accuse, "be more careful|attentive"),
    (Tag::Accuse, "pay more attention"),
    (Tag::Accuse, "perhaps|maybe check|read"),
    (Tag::Accuse, "fiți mai atent|atentă|atenți"),
    (Tag::Accuse, "aveți mai multă grijă"),
    (Tag::Accuse, "make sure .. next time"),
    (
        Tag::Accuse,
        "в следующий раз .. внимательн*|проверяйте|читайте|проверьте",
    ),
    (
        Tag::Accuse,
        "data viitoare .. atenți*|verificați|citiți|asigurați-vă",
    ),
    (Tag::Accuse, "your responsibility"),
    (Tag::Accuse, "you misunderstood"),
    (Tag::Accuse, "before accusing"),
    (Tag::Accuse, "you broke|damaged|dropped"),
    (Tag::Accuse, "trebuia să *ți"),
    (Tag::Accuse, "trebuia să vă *ți"),
    (Tag::Accuse, "ar fi trebuit să *ți"),
    (Tag::Accuse, "ar fi trebuit să vă *ți"),
    (Tag::Accuse, "vina dumneavoastră"),
    (Tag::Accuse, "vina clientului"),
    (Tag::Accuse, "greșeala dumneavoastră"),
    (Tag::Accuse, "ați greșit"),
    (Tag::Accuse, "v-ați greșit"),
    (Tag::Accuse, "ați introdus|completat|ales greșit"),
    (Tag::Accuse, "greșit de dumneavoastră|dvs"),
    (
        Tag::Accuse,
        "nu ați citit*|verificat*|respectat*|anunțat*|anulat*|urmat*",
    ),
    (Tag::Accuse, "verificați datele înainte"),
    (
        Tag::Accuse,
        "citiți termenii|condițiile|contractul|instrucțiunile",
    ),
    (Tag::Accuse, "data viitoare citiți|verificați"),
    (Tag::Accuse, "aveați obligația"),
    (Tag::Accuse, "ați avut obligația"),
    (Tag::Accuse, "obligația dumneavoastră"),
    (Tag::Accuse, "responsabilitatea dumneavoastră"),
    (Tag::Accuse, "înainte să|de ne acuzați|acuza"),
    (Tag::Accuse, "înainte de a ne acuza"),
    (Tag::Accuse, "nu știți să"),
    (Tag::Accuse, "ați stricat|deteriorat"),
    // RC6 — compensation offered
    (Tag::Compensation, "скидк*"),
    (Tag::Compensation, "промокод*|промо-код*"),
    (Tag::Compensation, "купон*"),
    (Tag::Compensation, "сертификат*"),
    (Tag::Compensation, "дарим|подарим|подарок"),
    (
        Tag::Compensation,
        "начислил*|начислим|добавили|добавим .. бонус*|балл*",
    ),
    (Tag::Compensation, "загладить"),
    (Tag::Compensation, "на следующий заказ|покупку|визит"),
    (Tag::Compensation, "use code"),
    (
        Tag::Compensation,
        "on|off your next order|purchase|booking|trip|visit",
    ),
    (
        Tag::Compensation,
        "la următoarea comandă|achiziție|rezervare",
    ),
    (Tag::Compensation, "cu codul"),
    (Tag::Compensation, "в качестве компенсации"),
    (Tag::Compensation, "discount*"),
    (Tag::Compensation, "promo|promocode|promocodes"),
    (Tag::Compensation, "promo code|codes"),
    (Tag::Compensation, "coupon*|voucher*"),
    (Tag::Compensation, "gift card"),
    (Tag::Compensation, "on the house"),
    (Tag::Compensation, "complimentary"),
    (Tag::Compensation, "make up for it"),
    (Tag::Compensation, "to make it up"),
    (Tag::Compensation, "reducere*"),
    (Tag::Compensation, "cod promoțional"),
    (Tag::Compensation, "cupon*"),
    (Tag::Compensation, "bonus*"),
    (Tag::Compensation, "cadou"),
    (Tag::Compensation, "să|ca compensăm"),
    // RC6 — an explanation or an admitted mistake
    (Tag::Explanation, "причин*"),
    (Tag::Explanation, "из-за"),
    (Tag::Explanation, "потому что"),
    (Tag::Explanation, "так как"),
    (Tag::Explanation, "произошл*"),
    (Tag::Explanation, "ошибк*"),
    (Tag::Explanation, "сбо*"),
    (Tag::Explanation, "по нашей вине"),
    (Tag::Explanation, "с нашей стороны"),
    (Tag::Explanation, "не повтор*"),
    (Tag::Explanation, "приняли меры"),
    (Tag::Explanation, "дело в том"),
    (Tag::Explanation, "because"),
    (Tag::Explanation, "due to"),
    (Tag::Explanation, "caused"),
    (Tag::Explanation, "the reason"),
    (Tag::Explanation, "our mistake|error|fault"),
    (Tag::Explanation, "happened"),
    (Tag::Explanation, "won't happen again"),
    (Tag::Explanation, "doesn't happen again"),
    (Tag::Explanation, "glitch"),
    (Tag::Explanation, "din cauza"),
    (Tag::Explanation, "deoarece"),
    (Tag::Explanation, "pentru că"),
    (Tag::Explanation, "motivul"),
    (Tag::Explanation, "greșeala noastră"),
    (Tag::Explanation, "greșeală|eroare*"),
    (Tag::Explanation, "s-a întâmplat"),
    (Tag::Explanation, "nu se va mai repeta"),
    (Tag::Explanation, "am remediat"),
    (Tag::Explanation, "defecțiun*"),
    (Tag::Explanation, "cauza"),
    // RC7 — personal opinion
    (Tag::Opinion, "по-моему"),
    (Tag::Opinion, "по моему мнению"),
    (Tag::Opinion, "^ по моему"),
    (Tag::Opinion, "на мой взгляд"),
    (Tag::Opinion, "лично я|мне"),
    (Tag::Opinion, "я лично"),
    (Tag::Opinion, "я считаю|думаю|полагаю"),
    (Tag::Opinion, "мне кажется"),
    (Tag::Opinion, "имхо"),
    (Tag::Opinion, "как по мне"),
    (Tag::Opinion, "честно говоря"),
    (Tag::Opinion, "^ честно"),
    (Tag::Opinion, "in my opinion|view"),
    (Tag::Opinion, "personally"),
    (Tag::Opinion, "i think|believe|feel|reckon"),
    (Tag::Opinion, "imo|imho"),
    (Tag::Opinion, "if you ask me"),
    (Tag::Opinion, "to be honest"),
    (Tag::Opinion, "^ honestly|frankly"),
    (Tag::Opinion, "după părerea mea"),
    (Tag::Opinion, "părerea mea"),
    (Tag::Opinion, "personal cred|consider"),
    (Tag::Opinion, "eu cred|consider"),
    (Tag::Opinion, "mi se pare"),
    (Tag::Opinion, "^ sincer"),
    (Tag::Opinion, "din punctul meu de vedere"),
    (Tag::Opinion, "не от меня"),
    (Tag::Opinion, "решаю не я"),
    (Tag::Opinion, "не я решаю"),
    (Tag::Opinion, "nu depinde de mine"),
    (Tag::Opinion, "not up to me"),
    (Tag::Opinion, "ничего не решаю"),
    (Tag::Opinion, "не мне решать"),
    (Tag::Opinion, "i just work here"),
    (Tag::Opinion, "eu doar lucrez aici"),
    // RC7 — the agent's own emotion
    (Tag::Emotion, "я устал*"),
    (Tag::Emotion, "я уже устал*"),
    (Tag::Emotion, "я в шоке"),
    (Tag::Emotion, "мне|нам надоел*"),
    (Tag::Emotion, "мы устали"),
    (Tag::Emotion, "меня|нас бесит|бесят|достали"),
    (Tag::Emotion, "i'm|am sick of"),
    (Tag::Emotion, "i'm|am fed up"),
    (Tag::Emotion, "i'm|am tired"),
    (Tag::Emotion, "drives me crazy"),
    (Tag::Emotion, "i'm|am frustrated|annoyed"),
    (Tag::Emotion, "i hate"),
    (Tag::Emotion, "m-am săturat"),
    (Tag::Emotion, "sunt obosit*"),
    (Tag::Emotion, "mă enervează"),
    (Tag::Emotion, "sunt sătul|sătulă"),
    // RC9 — humour
    (Tag::Humour, "ха-ха*|хаха*|ахах*|хех*|хи-хи"),
    (Tag::Humour, "шучу|шутк*"),
    (Tag::Humour, "lol|lmao|rofl"),
    (Tag::Humour, "haha*|hehe*"),
    (Tag::Humour, "joke|joking|kidding|jk"),
    (Tag::Humour, "hihi*"),
    (Tag::Humour, "glum*"),
    // RC11 — asking for data
    (Tag::Ask, "напиш*"),
    (Tag::Ask, "пришл*"),
    (Tag::Ask, "присла*"),
    (Tag::Ask, "укаж*"),
    (Tag::Ask, "сообщите"),
    (Tag::Ask, "продиктуйте"),
    (Tag::Ask, "оставьте"),
    (Tag::Ask, "отправьте"),
    (Tag::Ask, "скиньте"),
    (Tag::Ask, "назовите"),
    (Tag::Ask, "предоставьте"),
    (Tag::Ask, "опубликуйте"),
    (Tag::Ask, "send|post|share|provide|give|write|type|include"),
    (Tag::Ask, "tell us"),
    (Tag::Ask, "reply"),
    (Tag::Ask, "confirm|verify"),
    (Tag::Ask, "подтвердите"),
    (Tag::Ask, "confirmați"),
    (Tag::Ask, "dm|pm"),
    (Tag::Ask, "please comment"),
    (Tag::Ask, "comment below|here"),
    (Tag::Ask, "scrie*"),
    (Tag::Ask, "trimite*"),
    (Tag::Ask, "indica*"),
    (Tag::Ask, "comunica*"),
    (Tag::Ask, "spune*"),
    (Tag::Ask, "furniza*"),
    (Tag::Ask, "lăsați"),
    (Tag::Ask, "publica*"),
    (Tag::Confidential, "номер|номера|данные|реквизиты карт*"),
    (Tag::Confidential, "срок действия карт*"),
    (Tag::Confidential, "срок ее|её действия"),
    (Tag::Confidential, "паспорт*"),
    (Tag::Confidential, "серию и номер"),
    (Tag::Confidential, "снилс|инн"),
    (Tag::Confidential, "номер|номера сч?та"),
    (Tag::Confidential, "полный номер"),
    (Tag::Confidential, "card number|details"),
    (Tag::Confidential, "expiry|expiration date"),
    (Tag::Confidential, "passport*"),
    (Tag::Confidential, "social security"),
    (Tag::Confidential, "ssn"),
    (Tag::Confidential, "account number"),
    (Tag::Confidential, "date of birth"),
    (Tag::Confidential, "sort code"),
    (Tag::Confidential, "id card"),
    (Tag::Confidential, "national id|insurance"),
    (Tag::Confidential, "photo of your id"),
    (Tag::Confidential, "numărul|datele cardului"),
    (Tag::Confidential, "data expirării"),
    (Tag::Confidential, "cnp|cnp-ul"),
    (Tag::Confidential, "buletin*"),
    (Tag::Confidential, "pașaport*"),
    (Tag::Confidential, "iban|iban-ul"),
    (Tag::Confidential, "numărul contului"),
    (Tag::Confidential, "data nașterii"),
    (Tag::Secret, "пароль|пароля"),
    (Tag::Secret, "пин-код*|пин"),
    (Tag::Secret, "cvv*|cvc*"),
    (Tag::Secret, "код из смс|sms"),
    (Tag::Secret, "смс-код*|sms-код*"),
    (Tag::Secret, "password*"),
    (Tag::Secret, "pin|pin-ul"),
    (Tag::Secret, "security code"),
    (Tag::Secret, "one-time|verification|sms code"),
    (Tag::Secret, "parola|parolei"),
    (Tag::Secret, "codul pin|sms"),
    (Tag::Secret, "codul primit"),
    (Tag::Secret, "кодовое слово"),
    (Tag::Secret, "secret word|answer"),
    (Tag::Secret, "cuvântul secret"),
    (
        Tag::Personal,
        "номер заказа|договора|телефона|отправления|бронирования",
    ),
    (Tag::Personal, "ваш адрес"),
    (Tag::Personal, "адрес доставки"),
    (Tag::Personal, "фио"),
    (Tag::Personal, "order|phone|booking|contract number"),
    (Tag::Personal, "booking reference"),
    (Tag::Personal, "your address"),
    (Tag::Personal, "home address"),
    (Tag::Personal, "email address"),
    (Tag::Personal, "full name"),
    (Tag::Personal, "numărul comenzii|contractului|rezervării"),
    (Tag::Personal, "numărul de telefon"),
    (Tag::Personal, "adresa de e-mail|email|livrare|domiciliu"),
    (Tag::Personal, "numele complet"),
    // T2 — local questions
    (
        Tag::LocalQuestion,
        "в каком|какой магазин*|отделени*|город*|филиал*",
    ),
    (Tag::LocalQuestion, "какой магазин"),
    (Tag::LocalQuestion, "по какому адресу"),
    (Tag::LocalQuestion, "в какой точке"),
    (Tag::LocalQuestion, "где именно"),
    (Tag::LocalQuestion, "когда именно"),
    (Tag::LocalQuestion, "когда это произошло|случилось"),
    (Tag::LocalQuestion, "когда возникла|появилась"),
    (Tag::LocalQuestion, "в какое время"),
    (Tag::LocalQuestion, "во сколько"),
    (Tag::LocalQuestion, "с кем"),
    (Tag::LocalQuestion, "кто вас обслуживал"),
    (Tag::LocalQuestion, "какой сотрудник"),
    (
        Tag::LocalQuestion,
        "which|what store|branch|shop|location|city|station|stop|office|town|address",
    ),
    (Tag::LocalQuestion, "where exactly"),
    (Tag::LocalQuestion, "where did"),
    (Tag::LocalQuestion, "when exactly"),
    (Tag::LocalQuestion, "when did this|it happen"),
    (Tag::LocalQuestion, "what time did"),
    (Tag::LocalQuestion, "what time was|were"),
    (Tag::LocalQuestion, "who did you speak|talk"),
    (Tag::LocalQuestion, "who served you"),
    (Tag::LocalQuestion, "în|la ce magazin|oraș|sucursală"),
    (Tag::LocalQuestion, "ce magazin"),
    (Tag::LocalQuestion, "unde ați"),
    (Tag::LocalQuestion, "unde exact"),
    (Tag::LocalQuestion, "când exact"),
    (Tag::LocalQuestion, "când s-a întâmplat"),
    (Tag::LocalQuestion, "s-a întâmplat exact"),
    (Tag::LocalQuestion, "când a apărut"),
    (Tag::LocalQuestion, "la ce oră"),
    (Tag::LocalQuestion, "cine v-a"),
    (Tag::LocalQuestion, "ce angajat"),
    (Tag::LocalQuestion, "cu cine ați"),
    // T3 — community rules
    (Tag::CommunityRules, "правил* сообщества|группы|сообщества"),
    (Tag::CommunityRules, "community rules|guidelines|standards"),
    (Tag::CommunityRules, "house rules"),
    (Tag::CommunityRules, "regulile comunității|grupului"),
];

/// One word slot of a pattern.
#[derive(Debug, Clone)]
enum Atom {
    Exact(String),
    Prefix(String),
    Suffix(String),
}

impl Atom {
    fn matches(&self, w: &str) -> bool {
        match self {
            Atom::Exact(s) => w == s,
            Atom::Prefix(s) => w.starts_with(s.as_str()),
            Atom::Suffix(s) => w.len() > s.len() && w.ends_with(s.as_str()),
        }
    }
}

#[derive(Debug, Clone)]
enum Slot {
    Word(Vec<Atom>),
    /// Up to this many words of anything.
    Gap(u8),
}

#[derive(Debug)]
struct Pattern {
    tag: Tag,
    anchored: bool,
    slots: Vec<Slot>,
}

/// A phrase found in a draft: token indices `[first, last]` inclusive.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub tag: Tag,
    pub first: usize,
    pub last: usize,
}

pub struct Lexicon {
    pats: Vec<Pattern>,
    /// Patterns by the first two chars (or the whole, if shorter) of their first atoms.
    by_head: HashMap<String, Vec<u32>>,
    /// Patterns whose first atom is a suffix (`*ti`), tried on every word.
    any_head: Vec<u32>,
}

fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    out
}

fn head(s: &str) -> String {
    s.chars().take(2).collect()
}

fn parse_atom(a: &str) -> Atom {
    if let Some(rest) = a.strip_prefix('*') {
        Atom::Suffix(fold(rest))
    } else if let Some(stem) = a.strip_suffix('*') {
        Atom::Prefix(fold(stem))
    } else {
        Atom::Exact(fold(a))
    }
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut pats = Vec::with_capacity(TABLE.len());
        let mut by_head: HashMap<String, Vec<u32>> = HashMap::new();
        let mut any_head = Vec::new();
        for &(tag, src) in TABLE {
            let mut anchored = false;
            let mut slots = Vec::new();
            for w in src.split_whitespace() {
                if w == "^" {
                    anchored = true;
                } else if w == ".." {
                    slots.push(Slot::Gap(3));
                } else {
                    // "сч?та": a letter that may be written two ways is listed as both.
                    let mut atoms = Vec::new();
                    for alt in w.split('|') {
                        if alt.contains('?') {
                            for l in ["е", "ё"] {
                                atoms.push(parse_atom(&alt.replace('?', l)));
                            }
                        } else {
                            atoms.push(parse_atom(alt));
                        }
                    }
                    slots.push(Slot::Word(atoms));
                }
            }
            let id = u32::try_from(pats.len()).unwrap_or(u32::MAX);
            if let Some(Slot::Word(first)) = slots.first() {
                let mut heads: Vec<String> = Vec::new();
                let mut any = false;
                for a in first {
                    match a {
                        Atom::Exact(s) | Atom::Prefix(s) => heads.push(head(s)),
                        Atom::Suffix(_) => any = true,
                    }
                }
                if any {
                    any_head.push(id);
                } else {
                    heads.sort();
                    heads.dedup();
                    for h in heads {
                        by_head.entry(h).or_default().push(id);
                    }
                }
            }
            pats.push(Pattern {
                tag,
                anchored,
                slots,
            });
        }
        Lexicon {
            pats,
            by_head,
            any_head,
        }
    }

    /// The shared table, built once.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    /// Every phrase of the table found in `text`, in order of their first word. Overlapping
    /// phrases of different tags are all reported.
    pub fn scan(&self, text: &Text) -> Vec<Hit> {
        let mut hits = Vec::new();
        let toks = &text.toks;
        let mut seen: Vec<(Tag, usize)> = Vec::new();
        for i in 0..toks.len() {
            if toks[i].kind != TokKind::Word {
                continue;
            }
            let w = toks[i].norm.as_str();
            // The first one and two chars of the word, as slices (no allocation).
            let mut ends = w.char_indices().map(|(k, c)| k + c.len_utf8());
            let e1 = ends.next().unwrap_or(0);
            let e2 = ends.next().unwrap_or(e1);
            let (h1, h2) = (&w[..e1], &w[..e2]);
            seen.clear();
            let lists = [
                self.by_head.get(h2).map(Vec::as_slice).unwrap_or(&[]),
                if h1 != h2 {
                    self.by_head.get(h1).map(Vec::as_slice).unwrap_or(&[])
                } else {
                    &[]
                },
                self.any_head.as_slice(),
            ];
            for &id in lists.into_iter().flatten() {
                let Some(p) = self.pats.get(id as usize) else {
                    continue;
                };
                if p.anchored && i > 0 && toks[i - 1].sentence == toks[i].sentence {
                    continue;
                }
                if let Some(last) = match_at(&p.slots, text, i, toks[i].sentence)
                    && !seen.contains(&(p.tag, last))
                {
                    seen.push((p.tag, last));
                    hits.push(Hit {
                        tag: p.tag,
                        first: i,
                        last,
                    });
                }
            }
        }
        hits
    }
}

/// The last token index of a match of `slots` starting at token `i`, if any. Bounded
/// backtracking: at most four choices per gap and a handful of slots per pattern.
fn match_at(slots: &[Slot], text: &Text, i: usize, sentence: u32) -> Option<usize> {
    let (first, rest) = slots.split_first()?;
    let tok = text.toks.get(i)?;
    if tok.sentence != sentence || tok.kind != TokKind::Word {
        return None;
    }
    match first {
        Slot::Word(atoms) => {
            if !atoms.iter().any(|a| a.matches(&tok.norm)) {
                return None;
            }
            if rest.is_empty() {
                return Some(i);
            }
            match_at(rest, text, i + 1, sentence)
        }
        Slot::Gap(n) => {
            for k in 0..=usize::from(*n) {
                if let Some(end) = match_at(rest, text, i + k, sentence) {
                    return Some(end);
                }
                // A gap does not run past the sentence.
                if text.toks.get(i + k).is_none_or(|t| t.sentence != sentence) {
                    break;
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        Lexicon::get()
            .scan(&Text::new(s))
            .into_iter()
            .map(|h| h.tag)
            .collect()
    }

    #[test]
    fn inflection_diacritics_and_gaps() {
        // RC5
        assert!(tags("Вы сами ВИНОВАТЫ").contains(&Tag::Accuse));
        assert!(tags("Trebuia să citiți condițiile").contains(&Tag::Accuse));
        assert!(tags("Trebuia sa cititi conditiile").contains(&Tag::Accuse));
        // RC2
        assert!(tags("Мы, к сожалению, не понимаем вашу проблему").contains(&Tag::Incompetence));
        assert!(tags("Nu știm").contains(&Tag::Incompetence));
        assert!(tags("nu stim").contains(&Tag::Incompetence));
        // A gap does not cross a sentence.
        assert!(!tags("Надо было. Читать").contains(&Tag::Accuse));
    }

    #[test]
    fn anchors() {
        // RC7
        assert!(tags("Sincer, m-am săturat").contains(&Tag::Opinion));
        assert!(!tags("Ne cerem sincer scuze").contains(&Tag::Opinion));
    }
}
