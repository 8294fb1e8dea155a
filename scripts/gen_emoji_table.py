#!/usr/bin/env python3
"""Regenerate crates/defuse-text/src/emoji_table.rs from the Emoji Sentiment Ranking 1.0 TSV
(CC BY-SA 4.0; see NOTICE). Usage: python3 scripts/gen_emoji_table.py [PATH_TO_TSV]"""
import csv, sys

src = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/lexicons/emoji_sentiment_ranking.tsv'
rows = []
with open(src, encoding='utf-8') as f:
    r = csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE)
    next(r)
    for e, cp, occ, pos, neg, neu, posn, name, block, score in r:
        if int(occ) >= 5 and len(e) == 1:
            rows.append((ord(e), round(float(score) * 100), name))
rows.sort()
out = ['//! Emoji sentiment scores derived from the Emoji Sentiment Ranking 1.0:',
       '//! Kralj Novak P., Smailović J., Sluban B., Mozetič I., CLARIN.SI, http://hdl.handle.net/11356/1048,',
       '//! licensed CC BY-SA 4.0. This derived table (emoji with at least 5 occurrences, score',
       '//! p(+) − p(−) ×100 rounded) stays under CC BY-SA 4.0; see NOTICE. Regenerate with',
       '//! `python3 scripts/gen_emoji_table.py`.', '',
       '/// (code point, sentiment score ×100), sorted by code point.',
       'pub static EMOJI_SCORES: &[(u32, i8)] = &[']
for cp, s, name in rows:
    out.append(f'    (0x{cp:X}, {s}), // {name.lower()}')
out.append('];')
open('crates/defuse-text/src/emoji_table.rs', 'w').write('\n'.join(out) + '\n')
print(len(rows), 'emoji')
