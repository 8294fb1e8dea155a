//! What each finding says, in the draft's language: a message naming the problem and a
//! suggestion for the fix, per rule and language (Russian, English, Romanian).

use crate::context::CoachLang;

/// One kind of finding; several may share a rule id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// RC1: neither thanks nor an apology.
    NoThanks,
    /// RC2: an incompetence or deflection phrase.
    Incompetence,
    /// RC2: no substance at all.
    NoSubstance,
    /// RC3: no solution, next step or channel.
    NoStep,
    /// RC4: an aggressive, defensive, sarcastic or vengeful phrase.
    Aggressive,
    /// RC4: an insult.
    Insult,
    /// RC4: shouting in capitals.
    Caps,
    /// RC4: a run of exclamation marks.
    Exclamations,
    /// RC4: profanity.
    Profanity,
    /// RC5: accusing the customer.
    Accuse,
    /// RC6: compensation instead of an explanation.
    Compensation,
    /// RC7: a personal opinion.
    Opinion,
    /// RC7: the agent's own emotion.
    Emotion,
    /// RC8: a near-duplicate of a recent reply.
    Duplicate,
    /// RC9: humour.
    Humour,
    /// RC11: asking for confidential data in public.
    AskConfidential,
    /// RC11: asking for a password, PIN, CVV or one-time code.
    AskSecret,
    /// RC11: asking for personal data in public without a private channel.
    AskPersonal,
    /// RC11: disclosing confidential data in public.
    Disclose,
    /// T2: local questions in a systemic case.
    LocalQuestion,
    /// T3: engaging a troll.
    Troll,
}

impl Msg {
    /// The rule id the finding carries.
    pub fn rule(self) -> &'static str {
        use Msg::*;
        match self {
            NoThanks => "RC1",
            Incompetence | NoSubstance => "RC2",
            NoStep => "RC3",
            Aggressive | Insult | Caps | Exclamations | Profanity => "RC4",
            Accuse => "RC5",
            Compensation => "RC6",
            Opinion | Emotion => "RC7",
            Duplicate => "RC8",
            Humour => "RC9",
            AskConfidential | AskSecret | AskPersonal | Disclose => "RC11",
            LocalQuestion => "T2",
            Troll => "T3",
        }
    }

    /// (message, suggestion) in `lang`.
    pub fn text(self, lang: CoachLang) -> (&'static str, &'static str) {
        use CoachLang::*;
        use Msg::*;
        match (self, lang) {
            (NoThanks, Ru) => (
                "Нет ни благодарности, ни извинения.",
                "Начните с благодарности за обращение и извинения за неудобства.",
            ),
            (NoThanks, En) => (
                "Neither thanks nor an apology.",
                "Start by thanking the customer for the feedback and apologising for the trouble.",
            ),
            (NoThanks, Ro) => (
                "Lipsesc mulțumirile și scuzele.",
                "Începeți cu mulțumiri pentru mesaj și scuze pentru neplăcere.",
            ),
            (Incompetence, Ru) => (
                "Фраза звучит как некомпетентность или отказ: клиента отправляют прочь.",
                "Ответьте по существу, опираясь на факты; если ответа пока нет — скажите, что выясняете, и когда вернётесь.",
            ),
            (Incompetence, En) => (
                "This reads as incompetence or a brush-off.",
                "Answer on substance, from facts; if you don't have the answer yet, say you are finding out and when you'll be back.",
            ),
            (Incompetence, Ro) => (
                "Formularea sună a incompetență sau a refuz.",
                "Răspundeți pe fond, pe baza faptelor; dacă nu aveți încă răspunsul, spuneți că verificați și când reveniți.",
            ),
            (NoSubstance, Ru) => (
                "В ответе нет содержания — только формулы вежливости.",
                "Скажите, что именно вы сделаете с проблемой клиента.",
            ),
            (NoSubstance, En) => (
                "The reply has no substance — only pleasantries.",
                "Say what exactly you will do about the customer's problem.",
            ),
            (NoSubstance, Ro) => (
                "Răspunsul nu are conținut — doar formule de politețe.",
                "Spuneți ce anume faceți pentru problema clientului.",
            ),
            (NoStep, Ru) => (
                "Нет решения, следующего шага или канала связи.",
                "Предложите решение или конкретный шаг: что вы сделаете, куда написать (личные сообщения, форма, телефон).",
            ),
            (NoStep, En) => (
                "No solution, next step or channel.",
                "Offer a solution or a concrete next step: what you will do, where to write (DM, a form, a phone line).",
            ),
            (NoStep, Ro) => (
                "Lipsește o soluție, un pas următor sau un canal de contact.",
                "Propuneți o soluție sau un pas concret: ce faceți, unde să scrie clientul (mesaj privat, formular, telefon).",
            ),
            (Aggressive, Ru) => (
                "Агрессивный, оборонительный или саркастичный тон.",
                "Тон — дружелюбный и лояльный: выразите понимание и желание решить проблему. Ответ читают все клиенты.",
            ),
            (Aggressive, En) => (
                "An aggressive, defensive or sarcastic tone.",
                "Keep a friendly, loyal tone: show understanding and a wish to solve the problem. Every customer reads this reply.",
            ),
            (Aggressive, Ro) => (
                "Ton agresiv, defensiv sau sarcastic.",
                "Păstrați un ton prietenos: arătați înțelegere și dorința de a rezolva problema. Toți clienții citesc răspunsul.",
            ),
            (Insult, Ru) => (
                "Оскорбление в ответе.",
                "Уберите оскорбление; отвечайте спокойно и по делу.",
            ),
            (Insult, En) => (
                "An insult in the reply.",
                "Remove the insult; answer calmly and to the point.",
            ),
            (Insult, Ro) => (
                "O insultă în răspuns.",
                "Eliminați insulta; răspundeți calm și la obiect.",
            ),
            (Caps, Ru) => (
                "Текст капслоком читается как крик.",
                "Пишите обычным регистром.",
            ),
            (Caps, En) => ("Capitals read as shouting.", "Write in normal case."),
            (Caps, Ro) => (
                "Majusculele se citesc ca un strigăt.",
                "Scrieți cu litere obișnuite.",
            ),
            (Exclamations, Ru) => (
                "Несколько восклицательных знаков подряд звучат резко.",
                "Оставьте один знак.",
            ),
            (Exclamations, En) => ("A run of exclamation marks sounds harsh.", "Keep one."),
            (Exclamations, Ro) => (
                "Mai multe semne de exclamare la rând sună dur.",
                "Păstrați unul singur.",
            ),
            (Profanity, Ru) => ("Ненормативная лексика в ответе бренда.", "Уберите её."),
            (Profanity, En) => ("Profanity in a brand's reply.", "Remove it."),
            (Profanity, Ro) => ("Limbaj vulgar în răspunsul brandului.", "Eliminați-l."),
            (Accuse, Ru) => (
                "Обвинение клиента.",
                "Не ищите виноватого: объясните ситуацию и предложите, как её исправить.",
            ),
            (Accuse, En) => (
                "This blames the customer.",
                "Don't look for someone to blame: explain the situation and offer a way to fix it.",
            ),
            (Accuse, Ro) => (
                "Clientul este acuzat.",
                "Nu căutați vinovați: explicați situația și propuneți o soluție.",
            ),
            (Compensation, Ru) => (
                "Скидка или бонус вместо объяснения выглядит как попытка отмахнуться.",
                "Если ошибка ваша — признайте её, объясните, почему так вышло и что сделано, чтобы не повторилось.",
            ),
            (Compensation, En) => (
                "A discount or bonus instead of an explanation looks like a brush-off.",
                "If the mistake was yours, admit it, explain why it happened and what was done so it won't happen again.",
            ),
            (Compensation, Ro) => (
                "O reducere sau un bonus în loc de explicație pare o scuză ieftină.",
                "Dacă greșeala e a voastră, recunoașteți-o, explicați de ce s-a întâmplat și ce ați făcut ca să nu se repete.",
            ),
            (Opinion, Ru) => (
                "Личное мнение вместо позиции компании.",
                "Говорите от имени компании («мы»), без личных оценок.",
            ),
            (Opinion, En) => (
                "A personal opinion instead of the company's position.",
                "Speak for the company (\"we\"), without personal judgements.",
            ),
            (Opinion, Ro) => (
                "O părere personală în locul poziției companiei.",
                "Vorbiți în numele companiei („noi”), fără aprecieri personale.",
            ),
            (Emotion, Ru) => (
                "Личные эмоции сотрудника в ответе.",
                "Уберите эмоции: вы — лицо компании.",
            ),
            (Emotion, En) => (
                "The agent's own emotions in the reply.",
                "Leave emotions out: you are the face of the company.",
            ),
            (Emotion, Ro) => (
                "Emoțiile personale ale angajatului în răspuns.",
                "Lăsați emoțiile deoparte: sunteți fața companiei.",
            ),
            (Duplicate, Ru) => (
                "Почти дословно повторяет недавний ответ бренда — выглядит как шаблон.",
                "Ответьте своими словами, с деталями этого обращения.",
            ),
            (Duplicate, En) => (
                "Nearly the same as a recent reply of the brand — reads as copy-paste.",
                "Write it in your own words, with this customer's details.",
            ),
            (Duplicate, Ro) => (
                "Aproape identic cu un răspuns recent al brandului — pare copiat.",
                "Formulați cu propriile cuvinte, cu detaliile acestui client.",
            ),
            (Humour, Ru) => (
                "Юмор: может разрядить обстановку, но может и задеть.",
                "Убедитесь, что шутка уместна и клиент не воспримет её как насмешку.",
            ),
            (Humour, En) => (
                "Humour: it can defuse, but it cuts both ways.",
                "Make sure the joke fits and won't read as mockery.",
            ),
            (Humour, Ro) => (
                "Umor: poate detensiona, dar e o sabie cu două tăișuri.",
                "Asigurați-vă că gluma e potrivită și nu pare batjocură.",
            ),
            (AskConfidential, Ru) => (
                "Публичный ответ просит конфиденциальные данные.",
                "Попросите написать их в личные сообщения, а не в комментарии.",
            ),
            (AskConfidential, En) => (
                "A public reply asks for confidential data.",
                "Ask for it in a private message, not in the thread.",
            ),
            (AskConfidential, Ro) => (
                "Un răspuns public cere date confidențiale.",
                "Cereți-le prin mesaj privat, nu în comentarii.",
            ),
            (AskSecret, Ru) => (
                "Просьба назвать пароль, ПИН-код, CVV или код из СМС.",
                "Никогда не просите эти данные: предупредите клиента, что их нельзя никому сообщать.",
            ),
            (AskSecret, En) => (
                "Asks for a password, PIN, CVV or one-time code.",
                "Never ask for these: warn the customer not to share them with anyone.",
            ),
            (AskSecret, Ro) => (
                "Se cere parola, PIN-ul, CVV-ul sau un cod primit prin SMS.",
                "Nu cereți niciodată aceste date: avertizați clientul să nu le comunice nimănui.",
            ),
            (AskPersonal, Ru) => (
                "Персональные данные просят в публичной ветке.",
                "Предложите написать их в личные сообщения.",
            ),
            (AskPersonal, En) => (
                "Personal data is asked for in the public thread.",
                "Invite the customer to send it by private message.",
            ),
            (AskPersonal, Ro) => (
                "Datele personale sunt cerute în firul public.",
                "Invitați clientul să le trimită prin mesaj privat.",
            ),
            (Disclose, Ru) => (
                "Публичный ответ раскрывает персональные данные клиента.",
                "Уберите их из ответа; детали обсудите в личных сообщениях.",
            ),
            (Disclose, En) => (
                "A public reply discloses the customer's personal data.",
                "Remove it; discuss the details in private messages.",
            ),
            (Disclose, Ro) => (
                "Un răspuns public dezvăluie datele personale ale clientului.",
                "Eliminați-le; discutați detaliile în privat.",
            ),
            (LocalQuestion, Ru) => (
                "Локальные вопросы (где, когда, с кем) в системной проблеме только раздражают.",
                "Изложите позицию компании, исправление и сроки, дайте ссылку на официальное сообщение.",
            ),
            (LocalQuestion, En) => (
                "Local questions (where, when, with whom) only irritate in a systemic problem.",
                "State the company's position, the fix and its timeline, and link to the official statement.",
            ),
            (LocalQuestion, Ro) => (
                "Întrebările locale (unde, când, cu cine) irită într-o problemă sistemică.",
                "Prezentați poziția companiei, remedierea și termenul, cu link la anunțul oficial.",
            ),
            (Troll, Ru) => (
                "Ответ вступает в диалог с троллем.",
                "Лучше не отвечать; при необходимости — скрыть комментарий по правилам сообщества.",
            ),
            (Troll, En) => (
                "The reply engages a troll.",
                "Better not to answer; if needed, hide the comment under the community rules.",
            ),
            (Troll, Ro) => (
                "Răspunsul intră în dialog cu un troll.",
                "Mai bine nu răspundeți; la nevoie, ascundeți comentariul conform regulilor comunității.",
            ),
        }
    }
}
