//! The reply coach [RC1–RC12, T2, T3]: checks a draft reply against the method and writes drafts
//! that follow it, in Russian, English and Romanian. Pure: no I/O.
