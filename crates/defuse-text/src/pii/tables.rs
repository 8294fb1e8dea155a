//! The word tables of the personal-data scanner [RC11]: the keywords that say what a number
//! is (card, phone, passport, account, contract, policy, order), by first folded letter, and
//! the unit words that make a number an amount. The matching code is in `keywords.rs`.

use super::PrivateKind;
use super::keywords::{Entry, Kw, e, packed};

const P: bool = true;
const X: bool = false;
pub(super) const G: Kw = Kw::Generic;
pub(super) const SER: Kw = Kw::Series;
pub(super) const CARD: Kw = Kw::Kind(PrivateKind::Card);
pub(super) const PHONE: Kw = Kw::Kind(PrivateKind::Phone);
pub(super) const PAS: Kw = Kw::Kind(PrivateKind::Passport);
pub(super) const ACC: Kw = Kw::Kind(PrivateKind::Account);
const CON: Kw = Kw::Kind(PrivateKind::Contract);
const POL: Kw = Kw::Kind(PrivateKind::Policy);
const ORD: Kw = Kw::Kind(PrivateKind::Order);

/// Keywords by their first (folded) letter.
pub(super) fn bucket(c: char) -> &'static [Entry] {
    match c {
        'a' => {
            const B: &[Entry] = &[
                e("account", P, ACC),
                e("acct", X, ACC),
                e("acc", X, ACC),
                e("abonat", P, ACC),
                e("agreement", P, CON),
                e("asigurar", P, POL),
                e("awb", X, ORD),
            ];
            B
        }
        'b' => {
            const B: &[Entry] = &[
                e("by", X, G),
                e("buletin", P, PAS),
                e("booking", P, ORD),
                e("bilet", P, ORD),
            ];
            B
        }
        'c' => {
            const B: &[Entry] = &[
                e("cnp", X, Kw::Cnp),
                e("ci", X, PAS),
                e("cont", X, ACC),
                e("contul", X, ACC),
                e("contului", X, ACC),
                e("conturi", P, ACC),
                e("contract", P, CON),
                e("contr", X, CON),
                e("client", P, ACC),
                e("customer", P, ACC),
                e("comanda", P, ORD),
                e("comenz", P, ORD),
                e("case", X, ORD),
                e("claim", P, ORD),
                e("cerer", P, ORD),
                e("colet", P, ORD),
                e("casco", X, POL),
                e("card", P, CARD),
                e("cell", P, PHONE),
                e("call", X, PHONE),
                e("cod", X, G),
                e("codul", X, G),
                e("code", X, G),
            ];
            B
        }
        'f' => {
            const B: &[Entry] = &[e("factur", P, ORD)];
            B
        }
        'i' => {
            const B: &[Entry] = &[
                e("iban", X, ACC),
                e("id", X, ACC),
                e("identit", P, PAS),
                e("insurance", X, POL),
                e("invoice", P, ORD),
            ];
            B
        }
        'l' => {
            const B: &[Entry] = &[e("loyalty", P, ACC)];
            B
        }
        'm' => {
            const B: &[Entry] = &[
                e("md", X, G),
                e("mobil", P, PHONE),
                e("mob", X, PHONE),
                e("member", P, ACC),
                e("mastercard", X, CARD),
            ];
            B
        }
        'n' => {
            const B: &[Entry] = &[
                e("no", X, G),
                e("nr", X, G),
                e("n", X, G),
                e("nº", X, G),
                e("number", X, G),
                e("num", X, G),
                e("numar", P, G),
            ];
            B
        }
        'o' => {
            const B: &[Entry] = &[e("order", P, ORD)];
            B
        }
        'p' => {
            const B: &[Entry] = &[
                e("passport", P, PAS),
                e("pasaport", P, PAS),
                e("phone", P, PHONE),
                e("policy", X, POL),
                e("policies", X, POL),
                e("polita", X, POL),
                e("politei", X, POL),
                e("politele", X, POL),
                e("pnr", X, ORD),
                e("parcel", P, ORD),
                e("package", X, ORD),
            ];
            B
        }
        'r' => {
            const B: &[Entry] = &[
                e("ru", X, G),
                e("ro", X, G),
                e("rf", X, G),
                e("rm", X, G),
                e("rca", X, POL),
                e("request", X, ORD),
                e("rezervar", P, ORD),
                e("reservation", P, ORD),
                e("reclamati", P, ORD),
                e("ref", X, ORD),
                e("reference", P, ORD),
                e("receipt", P, ORD),
            ];
            B
        }
        's' => {
            const B: &[Entry] = &[
                e("seria", X, SER),
                e("serie", X, SER),
                e("seriei", X, SER),
                e("series", X, SER),
                e("ssn", X, PAS),
                e("suna", P, PHONE),
                e("sesizar", P, ORD),
                e("shipment", P, ORD),
            ];
            B
        }
        't' => {
            const B: &[Entry] = &[
                e("tel", X, PHONE),
                e("telefon", P, PHONE),
                e("ticket", P, ORD),
                e("tracking", P, ORD),
                e("track", X, ORD),
            ];
            B
        }
        'v' => {
            const B: &[Entry] = &[e("viber", P, PHONE), e("visa", X, CARD)];
            B
        }
        'w' => {
            const B: &[Entry] = &[e("whatsapp", P, PHONE), e("wallet", P, ACC)];
            B
        }
        'а' => {
            const B: &[Entry] = &[e("айди", X, ACC)];
            B
        }
        'б' => {
            const B: &[Entry] = &[
                e("билет", P, ORD),
                e("бронь", P, ORD),
                e("брониров", P, ORD),
            ];
            B
        }
        'в' => {
            const B: &[Entry] = &[e("вайбер", P, PHONE), e("ватсап", P, PHONE)];
            B
        }
        'д' => {
            const B: &[Entry] = &[
                e("догов", P, CON),
                e("дог", X, CON),
                e("дмс", X, POL),
                e("дзвон", P, PHONE),
            ];
            B
        }
        'з' => {
            const B: &[Entry] = &[
                e("заказ", P, ORD),
                e("замовлен", P, ORD),
                e("заявк", P, ORD),
                e("заявлен", P, ORD),
                e("звернен", P, ORD),
                e("звон", P, PHONE),
                e("загран", P, PAS),
            ];
            B
        }
        'и' => {
            const B: &[Entry] = &[e("инн", X, Kw::Inn), e("идентиф", P, PAS)];
            B
        }
        'і' => {
            const B: &[Entry] = &[e("іпн", X, Kw::Ipn), e("ідентиф", P, PAS)];
            B
        }
        'к' => {
            const B: &[Entry] = &[
                e("карта", X, CARD),
                e("карты", X, CARD),
                e("карте", X, CARD),
                e("карту", X, CARD),
                e("картой", X, CARD),
                e("карточк", P, CARD),
                e("картка", X, CARD),
                e("картки", X, CARD),
                e("картку", X, CARD),
                e("карткою", X, CARD),
                e("каско", X, POL),
                e("квит", P, ORD),
                e("клиент", P, ACC),
                e("контракт", P, CON),
                e("код", X, G),
                e("кошел", P, ACC),
            ];
            B
        }
        'л' => {
            const B: &[Entry] = &[e("лицев", P, ACC)];
            B
        }
        'м' => {
            const B: &[Entry] = &[e("моб", P, PHONE)];
            B
        }
        'н' => {
            const B: &[Entry] = &[e("номер", P, G), e("накладн", P, ORD)];
            B
        }
        'о' => {
            const B: &[Entry] = &[
                e("осаго", X, POL),
                e("омс", X, POL),
                e("обращен", P, ORD),
                e("отправлен", P, ORD),
            ];
            B
        }
        'п' => {
            const B: &[Entry] = &[
                e("паспорт", P, PAS),
                e("пасп", X, PAS),
                e("полис", P, POL),
                e("поліс", P, POL),
                e("позвон", P, PHONE),
                e("перезвон", P, PHONE),
                e("посылк", P, ORD),
                e("посвідчен", P, PAS),
            ];
            B
        }
        'р' => {
            const B: &[Entry] = &[
                e("рф", X, G),
                e("рб", X, G),
                e("рк", X, G),
                e("рахун", P, ACC),
                e("рнокпп", X, Kw::Ipn),
            ];
            B
        }
        'с' => {
            const B: &[Entry] = &[
                e("ссср", X, G),
                e("счет", X, ACC),
                e("счета", X, ACC),
                e("счету", X, ACC),
                e("счетом", X, ACC),
                e("счете", X, ACC),
                e("сч", X, ACC),
                e("снилс", X, Kw::Snils),
                e("серия", X, SER),
                e("серии", X, SER),
                e("серию", X, SER),
                e("сер", X, SER),
                e("серія", X, SER),
                e("серії", X, SER),
                e("сотов", P, PHONE),
                e("страхов", P, POL),
                e("свидетельств", P, PAS),
            ];
            B
        }
        'т' => {
            const B: &[Entry] = &[
                e("тел", X, PHONE),
                e("телефон", P, PHONE),
                e("тикет", P, ORD),
                e("трек", P, ORD),
            ];
            B
        }
        'у' => {
            const B: &[Entry] = &[e("удостоверен", P, PAS)];
            B
        }
        'ч' => {
            const B: &[Entry] = &[e("чек", X, ORD), e("чека", X, ORD)];
            B
        }
        'u' => {
            const B: &[Entry] = &[e("ua", X, G), e("us", X, G), e("usa", X, G), e("uk", X, G)];
            B
        }
        'e' => {
            const B: &[Entry] = &[e("eu", X, G)];
            B
        }
        'k' => {
            const B: &[Entry] = &[e("kz", X, G)];
            B
        }
        'е' => {
            const B: &[Entry] = &[e("ес", X, G)];
            B
        }
        _ => {
            const B: &[Entry] = &[];
            B
        }
    }
}

/// Exact units of at most 8 bytes, packed.
pub(super) const UNITS_EXACT: [u64; 61] = packed([
    "р", "rub", "rur", "usd", "eur", "ron", "lei", "leu", "uah", "mdl", "byn", "kzt", "тг", "bani",
    "шт", "pcs", "кг", "kg", "км", "km", "мин", "min", "mins", "сек", "sec", "час", "часа", "h",
    "hours", "hour", "hrs", "ore", "ora", "дн", "дня", "дней", "день", "days", "day", "zile", "zi",
    "год", "года", "лет", "years", "year", "ani", "г", "гг", "k", "тыс", "млн", "млрд", "mln",
    "mld", "bn", "s", "m", "м", "lire", "grn",
]);
/// Exact units longer than 8 bytes.
pub(super) const UNITS_LONG: &[&str] = &["тенге", "часов"];
/// Prefixes of unit words.
pub(super) const UNITS_PREFIX: &[&str] = &[
    "руб",
    "грн",
    "грив",
    "долл",
    "dollar",
    "dolar",
    "евро",
    "euro",
    "тысяч",
    "thousand",
    "mii",
    "million",
    "milion",
    "billion",
    "miliard",
    "процент",
    "percent",
    "procent",
    "коп",
    "минут",
    "minut",
    "секунд",
    "second",
    "месяц",
    "month",
    "luni",
    "недел",
    "week",
    "saptaman",
];
