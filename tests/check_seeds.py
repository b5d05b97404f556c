#!/usr/bin/env python3
"""Checks the facts of corpus/seeds.expected.json (copied from the sample
articles' expected extraction) against what the chain emits up to a stage.

normalize: metadata (title, outlet, byline, dateline, published) and the
'absent' strings (page boilerplate) that must appear nowhere in the output.
tag: the dates and statistics with their values, units and flags.
resolve: every expected entity is one entity with its canonical name and
type; the mentions listed for it end up in that one entity; no two people
are merged.
claims: every expected who-said-what claim (speaker, kind, cue, role, date,
via, statistics).
Later stages add their facts here as they are built.
"""
import argparse
import json
import os
import subprocess
import sys


def run_chain(bindir, stage, path):
    out = subprocess.run([os.path.join(bindir, "whosaid"), "--until", stage, path],
                         check=True, capture_output=True, env=dict(os.environ, LC_ALL="C"))
    recs = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    if stage == "claims":
        return recs  # one line per claim, not per document
    if len(recs) != 1:
        raise SystemExit(f"{path}: {len(recs)} records, want 1")
    return recs[0]


def check_normalize(doc_id, want, rec, problems):
    meta = rec.get("meta", {})
    for key, value in want.get("meta", {}).items():
        if meta.get(key) != value:
            problems.append(f"{doc_id}: meta.{key} = {meta.get(key)!r}, want {value!r}")
    dump = json.dumps(rec, ensure_ascii=False)
    for s in want.get("absent", []):
        if s in dump:
            problems.append(f"{doc_id}: boilerplate {s!r} is still in the output")


def check_tag_values(doc_id, want, rec, problems):
    """Every date and statistic of the expected extraction is a span with its
    value, unit and flags. A date's span covers its text at least; a
    statistic's span text contains text_has, and its unit contains unit_has;
    value, unit and the flags (approx, vague, percent, bound, currency) given
    must be equal."""
    spans = rec.get("spans", [])
    for d in want.get("dates", []):
        hits = [s for s in spans if s.get("type") == "DATE" and d["text"] in s.get("text", "")]
        if not hits:
            problems.append(f"{doc_id}: no DATE span covers {d['text']!r}")
        elif not any(str(s.get("value")) == d["value"] for s in hits):
            got = sorted({str(s.get("value")) for s in hits})
            problems.append(f"{doc_id}: DATE {d['text']!r} has value {got}, want {d['value']!r}")
    for st in want.get("stats", []):
        hits = [s for s in spans
                if s.get("type") == "STAT" and st["text_has"] in s.get("text", "")]
        if not hits:
            problems.append(f"{doc_id}: no STAT span contains {st['text_has']!r}")
            continue
        wrong = []
        for s in hits:
            bad = []
            if "value" in st and s.get("value") != st["value"]:
                bad.append(f"value {s.get('value')!r}, want {st['value']!r}")
            if "unit" in st and s.get("unit") != st["unit"]:
                bad.append(f"unit {s.get('unit')!r}, want {st['unit']!r}")
            if "unit_has" in st and st["unit_has"] not in (s.get("unit") or ""):
                bad.append(f"unit {s.get('unit')!r} lacks {st['unit_has']!r}")
            for flag in ("approx", "vague", "percent", "bound", "currency"):
                if flag in st and s.get(flag) != st[flag]:
                    bad.append(f"{flag} {s.get(flag)!r}, want {st[flag]!r}")
            if not bad:
                break
            wrong.append("; ".join(bad))
        else:
            problems.append(f"{doc_id}: STAT {st['text_has']!r}: " + " | ".join(wrong))


def check_tag_entities(doc_id, want, rec, problems):
    """Every expected entity is tagged with its type, by its canonical name
    or (until whosaid-resolve groups mentions) as written; every listed
    mention surface is tagged with that type. Boilerplate is never tagged."""
    spans = rec.get("spans", [])
    for ent in want.get("entities", []):
        typ, canon = ent["type"], ent["canonical"]
        same = [s for s in spans if s["type"] == typ]
        if not any(s.get("canonical") == canon or s["text"] == canon for s in same):
            problems.append(f"{doc_id}: no {typ} span for {canon!r}")
        code = ent.get("code") or ent.get("country")
        if code and not any(s.get("country") == code for s in same
                            if s.get("canonical") == canon or s["text"] == canon):
            problems.append(f"{doc_id}: {typ} {canon!r} lacks country {code}")
        for m in ent.get("mentions", []):
            if not any(s["text"] == m for s in same):
                problems.append(f"{doc_id}: mention {m!r} of {canon!r} is not tagged {typ}")


def check_claims(doc_id, want, claims, problems):
    """Every expected claim is emitted: a claim whose content contains
    content_has, with the expected speaker (or, where the expectation's note
    names a minimum "the ORG X with role 'R'", that organization with that
    role), and speaker_type, kind, cue, role_has (in speaker_role), date, via
    and the stats values when given. Claims are numbered 1.. in order."""
    import re
    if [c.get("n") for c in claims] != list(range(1, len(claims) + 1)):
        problems.append(f"{doc_id}: claims are not numbered 1..{len(claims)} in order")
    for w in want.get("claims", []):
        hits = [c for c in claims if w["content_has"] in (c.get("content") or "")]
        label = f"{doc_id}: claim {w['content_has']!r}"
        if not hits:
            problems.append(f"{label}: not emitted")
            continue
        speakers = {w["speaker"]: None}
        m = re.search(r"the (ORG|COUNTRY) (.+?) with role '(.+?)' is the minimum", w.get("note", ""))
        if m:
            speakers[m.group(2)] = m.group(3)
        wrong = []
        for c in hits:
            bad = []
            if c.get("speaker") not in speakers:
                bad.append(f"speaker {c.get('speaker')!r}, want {w['speaker']!r}")
            elif speakers[c["speaker"]] and speakers[c["speaker"]] not in (c.get("speaker_role") or ""):
                bad.append(f"speaker_role {c.get('speaker_role')!r} lacks {speakers[c['speaker']]!r}")
            for key in ("speaker_type", "kind", "cue", "date", "via"):
                if key in w and c.get(key) != w[key]:
                    bad.append(f"{key} {c.get(key)!r}, want {w[key]!r}")
            if "role_has" in w and w["role_has"] not in (c.get("speaker_role") or ""):
                bad.append(f"speaker_role {c.get('speaker_role')!r} lacks {w['role_has']!r}")
            got = [s.get("value") for s in c.get("stats", [])]
            for v in w.get("stats", []):
                if v not in got:
                    bad.append(f"stats {got} lack {v!r}")
            if not bad:
                break
            wrong.append("; ".join(bad))
        else:
            problems.append(f"{label}: " + " | ".join(wrong))


def check_resolve(doc_id, want, rec, problems):
    """Each expected entity is exactly one entity of the record with the
    expected canonical name and type (and country code when given); every
    span whose text is one of its listed mentions is linked to it; two
    expected people never share an entity."""
    spans = rec.get("spans", [])
    ents = rec.get("entities", [])
    by_id = {e["id"]: e for e in ents}
    people = {}
    for ent in want.get("entities", []):
        typ, canon = ent["type"], ent["canonical"]
        hits = [e for e in ents if e["type"] == typ and e["canonical"] == canon]
        if len(hits) != 1:
            problems.append(f"{doc_id}: {len(hits)} {typ} entities named {canon!r}, want 1")
            continue
        e = hits[0]
        code = ent.get("code") or ent.get("country")
        if code and e.get("attrs", {}).get("country") != code:
            problems.append(f"{doc_id}: {typ} {canon!r} has country "
                            f"{e.get('attrs', {}).get('country')!r}, want {code}")
        for m in ent.get("mentions", []):
            linked = {s.get("entity") for s in spans if s["type"] == typ and s["text"] == m}
            if not linked:
                problems.append(f"{doc_id}: mention {m!r} of {canon!r} is not tagged")
            elif linked != {e["id"]}:
                names = sorted(str(by_id.get(x, {}).get("canonical")) for x in linked)
                problems.append(f"{doc_id}: mention {m!r} is linked to {names}, want {canon!r}")
        if typ == "PERSON":
            people[canon] = e["id"]
    ids = list(people.values())
    if len(set(ids)) != len(ids):
        problems.append(f"{doc_id}: distinct people merged: {people}")
    for s in spans:
        if s.get("entity") and s["entity"] not in by_id:
            problems.append(f"{doc_id}: span {s.get('id')} links to unknown entity {s['entity']}")


CHECKS = {"normalize": [check_normalize],
          "tag": [check_normalize, check_tag_entities, check_tag_values],
          "resolve": [check_normalize, check_resolve],
          "claims": [check_claims]}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--stage", default="normalize", choices=sorted(CHECKS))
    args = ap.parse_args()
    with open(os.path.join(args.corpus, "seeds.expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    problems = []
    checked = 0
    for doc_id, want in expected["docs"].items():
        rec = run_chain(args.bin, args.stage, os.path.join(args.corpus, doc_id + ".txt"))
        for check in CHECKS[args.stage]:
            check(doc_id, want, rec, problems)
        checked += 1
    for p in problems:
        print("FAIL:", p)
    print(f"{checked} documents checked, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
