//! Personal data in public mentions [RC11].
//!
//! Method rule RC11: "Reply publicly first, then move to private messages for details and
//! confidential data (account numbers, IDs)". Customers post personal data in public comments;
//! the desk must warn them, mask the data and move the conversation to private messages.
//! [`find_private_data`] finds that data in Russian, Ukrainian, English and Romanian text and
//! returns byte spans of card numbers, phone numbers, e-mail addresses, identity documents and
//! the customer's account, contract, insurance-policy and order numbers.
//!
//! # How it works
//!
//! Mention text is hostile input: the scan never panics, slices only on char boundaries and runs
//! in time linear in the text (every look-back and look-ahead is bounded by a constant number of
//! words or characters). Every number reported has at least four digits, so a text with fewer
//! than four ASCII digits and no `@` returns an empty `Vec` without allocating.
//!
//! 1. E-mail addresses are found around each `@`.
//! 2. The text is split into words (runs of letters and digits); each word that starts a number
//!    is classified, using the nearest keyword among the five words before it ("паспорт",
//!    "номер счёта", "polița", "order #", …; case-insensitive for Cyrillic too, Romanian
//!    diacritics optional) and self-validating formats (Luhn, IBAN mod-97, CNP and SNILS
//!    checksums).
//! 3. Nothing inside a URL is reported.
//!
//! # Decisions on borderline cases
//!
//! * **Cards** need 13–19 digits grouped as one block, in fours, 4-6-5/4-6-4 (Amex, Diners) or
//!   6-x-4, a first digit 2–6 or 9, and a valid Luhn check. An expiry date or CVV after the
//!   number is not part of the span.
//! * **Masked cards** ("4276 **** **** 5678", "427638******5678") are reported as `Card`: a
//!   full-length card number copied from an app or receipt in a public thread is the situation
//!   RC11 describes, even when the middle is hidden. They need the full 13–19 positions, a leading
//!   digit, at least 4 visible digits and at least 4 mask characters (`*`, `•`, `x`, `х`, …). Every
//!   `Card` span without mask characters passes Luhn. A bare tail ("карта *5678", "**** 5678") is
//!   how banks themselves name a card in public and is not reported.
//! * **Phones**: `+` (or `00`) and 9–15 digits; national formats of Russia and Kazakhstan
//!   (`8`/`7` and 10 digits), Romania, Ukraine and Moldova (`0` and 9 digits), North America
//!   (3-3-4 grouping, `1-800-…`), a bare Russian mobile (`9` and 9 digits). After a phone keyword
//!   ("тел.", "phone", "telefon", "звоните", "WhatsApp") any grouping of 7–15 digits counts.
//!   Digit groups after the first have two digits at least. Thousands groupings
//!   (`15 000 000 000`), mostly-zero numbers (`+1 000 000 000`), dates, times, amounts followed
//!   by a currency or unit, numbers glued to a previous number (`12:30`, `1,234,567`) and codes
//!   glued to letters (`SU-1234`) are not phones. "SMS" is not a phone keyword: the number after
//!   it is usually a confirmation code.
//! * **E-mail**: a local part and a domain with a dot and an alphabetic TLD. `@handles` and
//!   fediverse handles (`@user@mastodon.social`, public by design) are not e-mail.
//! * **Passport** covers identity documents and national personal identifiers: passports and ID
//!   cards with a keyword (Russian series + number, Ukrainian, Romanian "buletin"/"CI seria XB
//!   123456", "passport no."), the Romanian CNP (checksum, first digit 1–8, month, day and county
//!   validated; found without a keyword), the Russian SNILS (found without a keyword in its
//!   `123-456-789 01` form when the checksum is valid, otherwise after "СНИЛС"), the personal INN
//!   (12 digits after "ИНН"; a 10-digit INN belongs to a company and is public) and the Ukrainian
//!   РНОКПП/ІПН (10 digits after the keyword). SNILS and INN are identity numbers of a person,
//!   not accounts with the brand, hence `Passport` rather than `Account`. When "серия 4506 номер
//!   123456" splits the document around a keyword, series and number are two spans, so the
//!   keyword itself stays visible.
//! * **Account**: a number after an account keyword ("лицевой счёт", "номер счета", "л/с",
//!   "account number", "contul", "cod client", "рахунок", "ID"), a valid IBAN anywhere (mod-97
//!   and the country's length), and a 20-digit Russian bank account on its own (first digit 4
//!   and a known currency code in digits 6–8, so a bank's public correspondent account `301…` is
//!   not reported).
//! * **Contract, policy, order** numbers are reported only after a keyword naming them ("договор
//!   №", "contract nr.", "полис ОСАГО", "polița RCA", "заказ №", "order #", "comanda nr."), with
//!   at least 4 (contract), 5 (order) or 6 (policy, account) digits. The span includes a letter
//!   series ("ХХХ 0123456789", "AB-1234567") but not a country ("паспорт РФ 4506 123456").
//!   Support tickets, requests, applications, bookings, tickets, tracking numbers, invoices and
//!   receipts ("номер заявки", "обращение №", "ticket number", "booking", "трек-номер", "AWB",
//!   "factura") are `Order`: each identifies one customer's transaction with a company.
//! * A keyword right before a number wins ("заказ 89161234567" is an order); when other words
//!   stand between them, a self-validating format wins ("паспорт 4506 123456 и 89161234567"
//!   gives a passport and a phone). A `+` always means a phone.
//! * Keywords are read before the number only ("123456 — номер заказа" is not reported).
//! * Not personal data: flight numbers, prices and amounts with a currency, dates, times, years,
//!   percentages, quantities, shop addresses and store numbers, hashtags (`#123456`; "order
//!   #A123456" is an order), `@handles` and anything inside a URL (`https://…`, `www.…`,
//!   `t.me/…`), even when it contains a phone. Company identifiers (10-digit INN, OGRN, a bank's
//!   correspondent account) are public. Out of scope: passwords and confirmation codes, booking
//!   codes with fewer than five digits ("PNR XK9P3Q"), numbers with fewer than four digits.
//!
//! # Layout
//!
//! This module holds the public API and the order of the passes; each job has its own file:
//! `letters` (character tests, folded keys), `keywords` (what a word says about the number
//! after it, units), `tables` (the keyword and unit tables), `email`, `url` (nothing inside a
//! URL), `words` (the text cut into words and gaps), `scan` (the walk over the words, keyword
//! context, the order of the rules), `value` (numbers read after a keyword, dates), `ids`
//! (IBAN, CNP, SNILS, Russian bank accounts), `card`, `phone`.

use std::cell::Cell;

mod card;
mod email;
mod ids;
mod keywords;
mod letters;
mod phone;
mod scan;
mod tables;
mod url;
mod value;
mod words;

use email::find_emails;
use scan::Scan;
use url::{drop_urls, may_have_url};
use words::Word;

crate::named_enum! {
    /// A kind of personal data [RC11].
    #[derive(PartialOrd, Ord)]
    pub enum PrivateKind {
        Card = "card",
        Phone = "phone",
        Email = "email",
        Passport = "passport",
        Account = "account",
        Contract = "contract",
        Policy = "policy",
        Order = "order",
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateMatch {
    pub kind: PrivateKind,
    /// UTF-8 byte offsets into the original text, end exclusive; covers the data itself (the
    /// number, the address), not the keyword before it.
    pub start: usize,
    pub end: usize,
}

/// Every piece of personal data in `text`, in order of position, non-overlapping.
pub fn find_private_data(text: &str) -> Vec<PrivateMatch> {
    // Every number this module reports has at least four digits. (Counting without an early
    // exit lets the compiler vectorise the loop.)
    let bytes = text.as_bytes();
    let mut digits = 0usize;
    for chunk in bytes.chunks(128) {
        let n = chunk
            .iter()
            .fold(0u8, |a, &b| a + u8::from(b.wrapping_sub(b'0') < 10));
        digits += usize::from(n);
        if digits >= 4 {
            break;
        }
    }
    let has_digit = digits >= 4;
    let has_at = bytes.contains(&b'@');
    if !has_digit && !has_at {
        return Vec::new();
    }
    let emails = if has_at {
        find_emails(text)
    } else {
        Vec::new()
    };
    let mut numbers = Vec::new();
    let mut maybe_url = None;
    if has_digit {
        // The word buffer is reused between calls on one thread (unless it grew large).
        let words = WORDS.with(Cell::take);
        let scan = Scan::new(text, words);
        scan.run(&emails, &mut numbers);
        maybe_url = Some(scan.maybe_url);
        let mut words = scan.words;
        if words.capacity() <= 4096 {
            words.clear();
            WORDS.with(|w| w.set(words));
        }
    }
    let mut all = if emails.is_empty() {
        numbers
    } else if numbers.is_empty() {
        emails
    } else {
        merge(emails, numbers)
    };
    if !all.is_empty() && maybe_url.unwrap_or_else(|| may_have_url(text)) {
        drop_urls(text, &mut all);
    }
    all
}

/// Merges two sorted, mutually non-overlapping lists.
fn merge(a: Vec<PrivateMatch>, b: Vec<PrivateMatch>) -> Vec<PrivateMatch> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for m in a {
        while let Some(n) = b.next_if(|n| n.start < m.start) {
            out.push(n);
        }
        out.push(m);
    }
    out.extend(b);
    out
}

thread_local! {
    /// The word buffer, reused between calls on one thread.
    static WORDS: Cell<Vec<Word>> = const { Cell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    // RC11
    use super::card::luhn;
    use super::letters::is_mask;
    use super::*;

    /// (kind, matched text) for every match, checking the invariants on the way.
    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let ms = find_private_data(text);
        check_invariants(text, &ms);
        ms.iter()
            .map(|m| (m.kind.as_str(), &text[m.start..m.end]))
            .collect()
    }

    /// Spans valid, non-empty, sorted, non-overlapping; every unmasked card passes Luhn.
    fn check_invariants(text: &str, ms: &[PrivateMatch]) {
        let mut prev_end = 0;
        for m in ms {
            assert!(m.start < m.end, "empty span {m:?} in {text:?}");
            assert!(
                m.start >= prev_end,
                "overlap or disorder {ms:?} in {text:?}"
            );
            let span = text.get(m.start..m.end);
            assert!(span.is_some(), "bad span {m:?} in {text:?}");
            prev_end = m.end;
            if let (PrivateKind::Card, Some(span)) = (m.kind, span)
                && !span.chars().any(is_mask)
            {
                assert!(luhn(span), "card without Luhn {span:?} in {text:?}");
            }
        }
    }

    fn one(text: &str, kind: &str, span: &str) {
        assert_eq!(found(text), vec![(kind, span)], "in {text:?}");
    }

    fn none(text: &str) {
        assert_eq!(found(text), vec![], "in {text:?}");
    }

    #[test]
    fn kind_names_are_stable() {
        let all = [
            (PrivateKind::Card, "card"),
            (PrivateKind::Phone, "phone"),
            (PrivateKind::Email, "email"),
            (PrivateKind::Passport, "passport"),
            (PrivateKind::Account, "account"),
            (PrivateKind::Contract, "contract"),
            (PrivateKind::Policy, "policy"),
            (PrivateKind::Order, "order"),
        ];
        for (k, s) in all {
            assert_eq!(k.as_str(), s);
        }
    }

    #[test]
    fn byte_offsets() {
        let text = "Звоните: +7 916 123-45-67";
        let ms = find_private_data(text);
        let start = text.find('+').unwrap_or(usize::MAX);
        assert_eq!(
            ms,
            vec![PrivateMatch {
                kind: PrivateKind::Phone,
                start,
                end: text.len(),
            }]
        );
    }

    #[test]
    fn cards() {
        one(
            "Моя карта 4276 1600 1234 5675, помогите",
            "card",
            "4276 1600 1234 5675",
        );
        one(
            "card 5469-3800-1234-5673 was charged twice",
            "card",
            "5469-3800-1234-5673",
        );
        one("4111111111111111", "card", "4111111111111111");
        one(
            "Amex 3782 822463 10005 declined",
            "card",
            "3782 822463 10005",
        );
        one(
            "cardul 2202 2000 1234 5672 e blocat",
            "card",
            "2202 2000 1234 5672",
        );
        one(
            "Оплатил картой 2202 2000 1234 5672, списали дважды",
            "card",
            "2202 2000 1234 5672",
        );
        one(
            "карта\u{a0}4276\u{a0}1600\u{a0}1234\u{a0}5675",
            "card",
            "4276\u{a0}1600\u{a0}1234\u{a0}5675",
        );
        // Expiry and CVV after the number stay outside the span.
        one(
            "4111 1111 1111 1111 12/26 123",
            "card",
            "4111 1111 1111 1111",
        );
        one(
            "карта 4276160012345675, срок 12/27, CVV 123",
            "card",
            "4276160012345675",
        );
        assert_eq!(
            found("the numbers 4111 1111 1111 1111 and 5500 0000 0000 0004"),
            vec![
                ("card", "4111 1111 1111 1111"),
                ("card", "5500 0000 0000 0004")
            ]
        );
        // Luhn fails: not a card (and 16 digits are no phone).
        none("карта 4276 1600 1234 5678");
        none("5469-3800-1234-5670");
        // Five groups of four: a longer number, not a card with a tail.
        none("код 4276 1600 1234 5675 1234");
        // A first digit no card network uses.
        none("1111 1111 1111 1117");
    }

    #[test]
    fn masked_cards() {
        one(
            "списали с 4276 **** **** 5678",
            "card",
            "4276 **** **** 5678",
        );
        one("card 427638******5678", "card", "427638******5678");
        one("карта 4276 38xx xxxx 5678", "card", "4276 38xx xxxx 5678");
        one("карта 4276 •••• •••• 5678", "card", "4276 •••• •••• 5678");
        // Only the tail: how banks name a card in public.
        none("списали с карты *5678");
        none("**** **** **** 5678");
        none("карта ****5678");
    }

    #[test]
    fn phones() {
        one("звоните +7 916 123-45-67", "phone", "+7 916 123-45-67");
        one("мой номер 8 (916) 123 45 67", "phone", "8 (916) 123 45 67");
        one("89161234567", "phone", "89161234567");
        one("79161234567", "phone", "79161234567");
        one("9161234567", "phone", "9161234567");
        one(
            "sunați-mă la +40 721 234 567 vă rog",
            "phone",
            "+40 721 234 567",
        );
        one("numărul meu 0721 234 567", "phone", "0721 234 567");
        one("Sunati-ma la 0721.234.567", "phone", "0721.234.567");
        one("00 40 721 234 567", "phone", "00 40 721 234 567");
        one("Telefonul meu +373 69 123 456", "phone", "+373 69 123 456");
        one("мій номер +380 67 123 4567", "phone", "+380 67 123 4567");
        one("Мій телефон 067 123 45 67", "phone", "067 123 45 67");
        one("0 800 300 353", "phone", "0 800 300 353");
        one("call me at +1 (415) 555-2671", "phone", "+1 (415) 555-2671");
        one("or 415-555-2671 after 5pm", "phone", "415-555-2671");
        one("Call 1-800-555-1234 for help", "phone", "1-800-555-1234");
        one("+44 20 7946 0958", "phone", "+44 20 7946 0958");
        one("(916) 123-45-67", "phone", "(916) 123-45-67");
        one("8-800-555-35-35 не отвечает", "phone", "8-800-555-35-35");
        one("тел. 234-56-78", "phone", "234-56-78");
        one("тел.89161234567", "phone", "89161234567");
        one("тел: 8(916)1234567", "phone", "8(916)1234567");
        one("мой номер:89161234567😀", "phone", "89161234567");
        one("📞+79161234567", "phone", "+79161234567");
        one(
            "Тел.\u{a0}+7\u{a0}916\u{a0}123-45-67",
            "phone",
            "+7\u{a0}916\u{a0}123-45-67",
        );
        one("WhatsApp 067 123 45 67", "phone", "067 123 45 67");
        one("Telefon: 0212345678.", "phone", "0212345678");
        one(
            "Время работы 10:00-18:00, тел. 8 (495) 123-45-67",
            "phone",
            "8 (495) 123-45-67",
        );
        assert_eq!(
            found("+7 916 1234567 или +7 916 7654321"),
            vec![("phone", "+7 916 1234567"), ("phone", "+7 916 7654321")]
        );
        // A phone keyword does not turn amounts or dates into phones.
        none("телефон стоит 12 500 000 руб");
        none("тел 25.11.2026");
    }

    #[test]
    fn not_phones() {
        none("рейс SU 1234 задержан");
        none("Рейс SU1234 отменен, номер рейса SU 1234");
        none("flight UA1234 and flight 2231");
        none("Flight AA 1234 from JFK at 10:30 on 11/25/2026");
        none("Цена 1500 руб, было 1 299 lei, стало $49.99");
        none("Купил iPhone 15 Pro за 129 990 рублей, через 2 дня сломался");
        none("Пицца 30 см за 799 ₽, курс доллара 92,45 руб");
        none("I paid $1,299.99 for 2 tickets on 11/25");
        none("25.11.2026 в 12:30");
        none("2026-11-25");
        none("в 2026 году, с 1 по 15 декабря");
        none("ул. Ленина 5, магазин №12");
        none("Магазин на ул. Ленина 15, корп. 2, стр. 3 закрыт");
        none("Strada Victoriei 12, sector 1");
        none("Strada Victoriei nr. 12, bl. A3, sc. 2, ap. 45");
        none("скидка 15% на 3 дня, ждал 45 min");
        none("Ставка 12,5% годовых на 36 месяцев");
        none("бюджет 15 000 000 000 рублей");
        none("население 89 000 000");
        none("+1 000 000 000 просмотров");
        none("1,234,567,890 views");
        none("IP 192.168.100.200 v1.2.3, ISBN 978-3-16-148410-0");
        none("#заказ123456 #89161234567 #123456789");
        none("@oblachko @AmericanAir @user89161234567");
        none("https://example.com/order/89161234567");
        none("смотри www.site.ru/89161234567");
        none("t.me/+79161234567");
        none("https://x.com/@ivan?p=89161234567 ok");
        none("смотрите https://t.me/joinchat/AAAAAE123456789 и пишите");
        none("2019-2023");
        none("2+2=4, 12345+67890, 1000-7=993");
        none("Звонил на горячую линию 15 раз за 2 часа");
        none("Ждём уже 45 минут на линии 8 800");
        none("Температура 36.6, давление 120/80, координаты 55.7558, 37.6173");
        none("ИНН компании 7707083893, ОГРН 1027700132195");
        none("Код подтверждения 123456");
    }

    #[test]
    fn emails() {
        one(
            "пишите на ivan.petrov@mail.ru.",
            "email",
            "ivan.petrov@mail.ru",
        );
        one("a+b@gmail.com", "email", "a+b@gmail.com");
        one("mailto:maria_ion@yahoo.ro", "email", "maria_ion@yahoo.ro");
        one("адрес ivan@почта.рф", "email", "ivan@почта.рф");
        one("user@example.com:8080", "email", "user@example.com");
        assert_eq!(
            found("ivan.petrov@mail.ru, maria@gmail.com и @ivan_petrov"),
            vec![
                ("email", "ivan.petrov@mail.ru"),
                ("email", "maria@gmail.com")
            ]
        );
        none("@oblachko ответьте");
        none("@AmericanAir help");
        none("follow @user@mastodon.social");
        none("ivan@localhost and me@");
        none("a@b.c");
        none("test@test");
    }

    #[test]
    fn passports() {
        one("паспорт 45 06 123456", "passport", "45 06 123456");
        one("Паспорт: 4506 123456", "passport", "4506 123456");
        one(
            "Паспорт 4506 123456, выдан 01.01.2010",
            "passport",
            "4506 123456",
        );
        one("паспортные данные 4506123456", "passport", "4506123456");
        one("паспорт РФ 4506 123456", "passport", "4506 123456");
        assert_eq!(
            found("серия 4506 номер 123456"),
            vec![("passport", "4506"), ("passport", "123456")]
        );
        assert_eq!(
            found("Вот мой паспорт: серия 4506 номер 123456, выдан ОВД"),
            vec![("passport", "4506"), ("passport", "123456")]
        );
        assert_eq!(
            found("паспорт 4506 № 123456"),
            vec![("passport", "4506"), ("passport", "123456")]
        );
        one("passport no. 123456789", "passport", "123456789");
        one("PASSPORT NO 123456789", "passport", "123456789");
        assert_eq!(
            found("My phone is 0712 345 678 and passport AB1234567"),
            vec![("phone", "0712 345 678"), ("passport", "AB1234567")]
        );
        one("pașaport nr. 05123456", "passport", "05123456");
        one("pasaport 05123456", "passport", "05123456");
        one("Pașaportul meu nr. 056789123", "passport", "056789123");
        one("CI seria XB 123456", "passport", "XB 123456");
        one("CI: KX 654321", "passport", "KX 654321");
        assert_eq!(
            found("buletin seria XB nr. 123456"),
            vec![("passport", "XB"), ("passport", "123456")]
        );
        one("паспорт громадянина МЕ 123456", "passport", "МЕ 123456");
        assert_eq!(
            found("паспорт серії МЕ № 123456"),
            vec![("passport", "МЕ"), ("passport", "123456")]
        );
        one(
            "ID-картка 000123456 закордонний паспорт",
            "passport",
            "000123456",
        );
        // CNP: checksum, first digit, date and county.
        one("CNP 1980512401231", "passport", "1980512401231");
        one(
            "CNP-ul meu este 2850317220013, vă rog",
            "passport",
            "2850317220013",
        );
        none("1980512401232");
        none("9980512401230");
        // SNILS and INN.
        one("112-233-445 95", "passport", "112-233-445 95");
        one("СНИЛС 11223344595", "passport", "11223344595");
        none("112-233-445 96");
        one("ИНН 500100732259", "passport", "500100732259");
        none("ИНН 7707083893");
        one("ІПН 1234567890", "passport", "1234567890");
        none("паспорт будет готов через 3 дня");
        none("рейс SU 1234 паспорт");
    }

    #[test]
    fn accounts() {
        one("лицевой счёт 123456789", "account", "123456789");
        one("ЛИЦЕВОЙ СЧЁТ 123456789", "account", "123456789");
        one("Лицевой счет: 1234 5678 90", "account", "1234 5678 90");
        one("Лицевой счёт 12-345-678-90", "account", "12-345-678-90");
        one(
            "номер счета 40817810099910004312",
            "account",
            "40817810099910004312",
        );
        one(
            "счёт 40817 810 0 9991 0004312",
            "account",
            "40817 810 0 9991 0004312",
        );
        one("40817810099910004312", "account", "40817810099910004312");
        one("л/с 7712345678", "account", "7712345678");
        one("a/c no. 12345678", "account", "12345678");
        one(
            "р/с 40702810900000012345 в банке",
            "account",
            "40702810900000012345",
        );
        one(
            "IBAN RO49AAAA1B31007593840000",
            "account",
            "RO49AAAA1B31007593840000",
        );
        one(
            "RO49 AAAA 1B31 0075 9384 0000 e contul",
            "account",
            "RO49 AAAA 1B31 0075 9384 0000",
        );
        one(
            "IBAN: RO49 AAAA 1B31 0075 9384 0000",
            "account",
            "RO49 AAAA 1B31 0075 9384 0000",
        );
        one(
            "GB82WEST12345698765432",
            "account",
            "GB82WEST12345698765432",
        );
        one(
            "DE89 3704 0044 0532 0130 00",
            "account",
            "DE89 3704 0044 0532 0130 00",
        );
        one("account number 12345678", "account", "12345678");
        one("account # 12345678", "account", "12345678");
        one("contul meu 12345678", "account", "12345678");
        one(
            "мій рахунок UA213223130000026007233566001",
            "account",
            "UA213223130000026007233566001",
        );
        one(
            "рахунок UA21 3223 1300 0002 6007 2335 6600 1",
            "account",
            "UA21 3223 1300 0002 6007 2335 6600 1",
        );
        // Bad mod-97, a bank's correspondent account, an amount, a bill.
        none("RO49AAAA1B31007593840001");
        none("к/с 30101810400000000225");
        none("счёт на 1500 руб");
        none("Счёт на оплату 15000 рублей");
        none("Рахунок за листопад 1250 грн");
    }

    #[test]
    fn contracts_policies_orders() {
        one("договор № 12-3456/2023", "contract", "12-3456/2023");
        one("contract nr. 123456", "contract", "123456");
        one(
            "Contractul nr. 7788/2024 a expirat",
            "contract",
            "7788/2024",
        );
        one("Договір № 123/45-К від 01.02.2026", "contract", "123/45-К");
        one("contract no. AB/2026/00123", "contract", "AB/2026/00123");
        one("номер договора: 77/123456", "contract", "77/123456");
        one("полис ОСАГО ХХХ 0123456789", "policy", "ХХХ 0123456789");
        assert_eq!(
            found("полис серия ХХХ № 0123456789"),
            vec![("policy", "ХХХ"), ("policy", "0123456789")]
        );
        one("policy number AB-1234567", "policy", "AB-1234567");
        one("policy no. AB-1234567", "policy", "AB-1234567");
        one("polița nr 123456", "policy", "123456");
        one("poliţa RCA 123456 expiră pe 25.11.2026", "policy", "123456");
        one(
            "Номер полиса ОМС 1234567890123456",
            "policy",
            "1234567890123456",
        );
        one("полис КАСКО № 1234567890", "policy", "1234567890");
        one("заказ №123456789", "order", "123456789");
        one("order #A12345678", "order", "A12345678");
        one(
            "My order #123-456-7890 never arrived",
            "order",
            "123-456-7890",
        );
        one("comanda nr. 123456", "order", "123456");
        one("Comanda mea 1234567 nu a ajuns", "order", "1234567");
        one(
            "Am comandat pe 12.11.2026 comanda 4567891",
            "order",
            "4567891",
        );
        one("номер заявки 7654321", "order", "7654321");
        one("Номер обращения 1234567", "order", "1234567");
        one("ticket number 123456", "order", "123456");
        one(
            "трек RA123456789CN не отслеживается",
            "order",
            "RA123456789CN",
        );
        one("замовлення 12345678", "order", "12345678");
        one("Заказ 123456 на 1500 руб", "order", "123456");
        one(
            "Заказ №123456 от 25.11.2026 на сумму 15 000 руб.",
            "order",
            "123456",
        );
        one("ЗАКАЗ 123456789 НЕ ПРИШЁЛ", "order", "123456789");
        // The keyword right before the number wins.
        one("заказ 89161234567", "order", "89161234567");
        none("заказ 1234");
        none("123456 — номер заказа");
        none("заказ на 12 500 рублей");
        none("заказ на сумму 150000 руб");
        none("заказ от 25.11.2026");
        none("заказ пришёл через 3 дня");
        none("Замовлення оплачено 2500 грн 15.11.2026 о 14:30");
        none("Договор на 12 месяцев за 24 000 рублей");
        none("Поліс коштує 3500 грн на рік");
    }

    #[test]
    fn mixed_and_priorities() {
        assert_eq!(
            found("тел 89161234567, email ivan@mail.ru, заказ 123456"),
            vec![
                ("phone", "89161234567"),
                ("email", "ivan@mail.ru"),
                ("order", "123456")
            ]
        );
        assert_eq!(
            found("Мой номер заказа 98765432, телефон +7 (916) 123-45-67, почта anna.k@yandex.ru"),
            vec![
                ("order", "98765432"),
                ("phone", "+7 (916) 123-45-67"),
                ("email", "anna.k@yandex.ru"),
            ]
        );
        assert_eq!(
            found("паспорт 4506 123456 и 89161234567"),
            vec![("passport", "4506 123456"), ("phone", "89161234567")]
        );
        assert_eq!(
            found("заказы 123456 и 234567"),
            vec![("order", "123456"), ("order", "234567")]
        );
        assert_eq!(
            found("ИНН 500100732259, паспорт 45 06 123456 выдан 12.03.2010"),
            vec![("passport", "500100732259"), ("passport", "45 06 123456")]
        );
        // Other words between keyword and number: a valid format wins.
        one(
            "customer service 8 800 555 35 35",
            "phone",
            "8 800 555 35 35",
        );
        one("Мой телефон для связи 89161234567", "phone", "89161234567");
        // "+" always means a phone.
        one("заказ +79161234567", "phone", "+79161234567");
        // The local part of an e-mail is not a phone.
        one("89161234567@mail.ru", "email", "89161234567@mail.ru");
        // A sentence end cuts a keyword's reach; an abbreviation does not.
        none("Где мой заказ? 1234567 раз пишу");
        one("Мой заказ. Телефон 1234567", "phone", "1234567");
    }

    #[test]
    fn empty_emoji_zalgo() {
        none("");
        none(" ");
        none("😀😀🔥🙏🏽👨‍👩‍👧");
        none("п̷̛а̸с̶п̵о̴р̷т̶ н̸е̷т̴");
        none("Z̴̧̛̛a̸̡̛l̵̨g̶̢o̵̧ ̷̨1̸̧2̵̨");
        // Zalgo on the keyword still reads as the keyword.
        one("п̷а̸с̶п̵о̴р̷т̶ 4506 123456", "passport", "4506 123456");
        none("\u{301}\u{301}1\u{301}2");
        none("\u{feff}\u{200b}\u{10ffff}");
    }

    #[test]
    fn one_megabyte() {
        let piece = concat!(
            "Заказ 123456 не пришёл, тел +7 916 123-45-67, ivan@mail.ru, ",
            "25.11.2026 12:30 1 299 lei 😀 "
        );
        let big = piece.repeat((1 << 20) / piece.len() + 1);
        let ms = find_private_data(&big);
        check_invariants(&big, &ms);
        assert!(!ms.is_empty());
        // Degenerate inputs.
        let units = [
            "1 ",
            "1-",
            "@",
            "a@",
            "4",
            "+7",
            "паспорт 1234 ",
            "x",
            "(1) ",
            "1.",
            "Х ",
            "4276 ",
            "RO49 ",
            "XB 123456 ",
            "a.b@c",
            "@a.b",
            "0",
            " ",
        ];
        for unit in units {
            let s = unit.repeat((1 << 18) / unit.len());
            let ms = find_private_data(&s);
            check_invariants(&s, &ms);
        }
        let long_word = "я".repeat(1 << 18) + "1234 5678";
        check_invariants(&long_word, &find_private_data(&long_word));
    }

    #[test]
    fn random_strings() {
        const POOL: &[&str] = &[
            "0",
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "4276",
            "1600",
            "5675",
            "916",
            " ",
            " ",
            "-",
            ".",
            "/",
            ":",
            ",",
            "(",
            ")",
            "+",
            "@",
            "#",
            "№",
            "*",
            "\u{a0}",
            "\n",
            "a",
            "x",
            "X",
            "RO",
            "AB",
            "ХХХ",
            "mail",
            ".ru",
            "www.",
            "://",
            "паспорт",
            "заказ",
            "тел",
            "серия",
            "nr",
            "IBAN",
            "счёт",
            "card",
            "руб",
            "ё",
            "ș",
            "€",
            "😀",
            "\u{301}",
            "Ж",
            "ﬁ",
            "İ",
            "ß",
            "٣",
            "１",
            "л",
            "с",
            "ID",
            "•",
            "$",
            "!",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(POOL[(next() % POOL.len() as u64) as usize]);
            }
            let ms = find_private_data(&s);
            check_invariants(&s, &ms);
        }
    }
}
