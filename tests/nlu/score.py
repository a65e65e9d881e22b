"""Per-slot accuracy of fact extraction on the labelled set, scored through the running bot.

Each message goes to a fresh conversation over REST; the tracker's slots are compared with the
labels. Usage (servers already running): python tests/nlu/score.py --url http://localhost:5005 --token T
With --component it scores the extractor alone (no servers).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

LABELS = Path(__file__).with_name("labelled_messages.jsonl")
INDEPENDENT = Path(__file__).with_name("independent_messages.jsonl")
#: A third set, 100 messages by another separate author who never saw the extractor (95.5% mean
#: before the fixes it prompted, extractor alone).
INDEPENDENT_2 = Path(__file__).with_name("independent_messages_2.jsonl")
#: A fourth, 100 messages by another author who never saw the extractor (95.1% mean before the
#: fixes it prompted, extractor alone; the fixes were made against it, so it is no longer held out).
INDEPENDENT_3 = Path(__file__).with_name("independent_messages_3.jsonl")
#: A fifth, 100 messages in other styles (clinic letters and discharge summaries, US shorthand, writers
#: whose first language is not English, two people in one message): 90.5% before its fixes.
INDEPENDENT_4 = Path(__file__).with_name("independent_messages_4.jsonl")
#: A sixth, 80 messages stating facts indirectly ("needs two people to get him off the commode",
#: "not statin-naive", "ab neg x2 (HMGCR, SRP)"): 94.1% before its fixes.
INDEPENDENT_5 = Path(__file__).with_name("independent_messages_5.jsonl")
#: A seventh, 64 pasted letters and case reports (2026-12-01): 92.3% mean before its fixes.
PASSAGES = Path(__file__).with_name("independent_passages.jsonl")
#: An eighth, 64 more passages by another author (round 7): 90.6% mean before its fixes.
PASSAGES_2 = Path(__file__).with_name("independent_passages_2.jsonl")
PASSAGES_3 = Path(__file__).with_name("independent_passages_3.jsonl")
#: A ninth, 64 more passages by another author (round 9): 90.6% mean before its fixes.
PASSAGES_4 = Path(__file__).with_name("independent_passages_4.jsonl")
#: A tenth, 64 more passages by another author (round 10): 93.4% mean before its fixes.
PASSAGES_5 = Path(__file__).with_name("independent_passages_5.jsonl")
#: An eleventh, 64 more (round 11: US notes, pharmacy and therapy reviews, patients' emails, translations): 89.4%.
PASSAGES_6 = Path(__file__).with_name("independent_passages_6.jsonl")
#: A twelfth, 64 more (round 12: GP referrals, follow-up letters, oncology, infusion-unit, ICU and telephone notes,
#: MDT forms, case reports, paediatric letters, families' summaries): 88.6% mean before its fixes.
PASSAGES_7 = Path(__file__).with_name("independent_passages_7.jsonl")
#: A thirteenth, 64 more (round 13: SBAR handovers, nursing and rehabilitation notes, medicines reconciliations,
#: email threads, dictated letters, case series, dates of birth instead of ages): 84.5% mean before its fixes.
PASSAGES_8 = Path(__file__).with_name("independent_passages_8.jsonl")
#: A fourteenth, 64 more (round 14: discharge summaries with medication tables, MDT minutes with one patient in
#: focus, referral e-mails, US H&P, abstracts, writers from India, Nigeria, the Philippines and Germany, carers):
#: 89.2% mean before its fixes.
PASSAGES_9 = Path(__file__).with_name("independent_passages_9.jsonl")
#: A fifteenth, 64 more (round 15: telehealth transcripts, coding summaries, infusion flowsheets, prior-authorisation
#: letters, second opinions from abroad, school-nurse and sports-medicine notes): 89.5% mean before its fixes.
PASSAGES_10 = Path(__file__).with_name("independent_passages_10.jsonl")
#: A sixteenth, 64 more (round 16: ambulance, ED, out-of-hours and care-home notes, bilingual and emotional messages,
#: diaries, negligence and adverse-event reports, tweet-length summaries): 90.5% mean before its fixes.
PASSAGES_11 = Path(__file__).with_name("independent_passages_11.jsonl")
#: A seventeenth, 64 more (round 17: case report forms with Y/N fields, discharge summaries with medication tables,
#: pharmacy, physiotherapy, dietitian and lung-function notes, MDT minutes, helpline logs): 93.6% before its fixes.
PASSAGES_12 = Path(__file__).with_name("independent_passages_12.jsonl")
#: An eighteenth, 64 more (round 18: EHR tick-box templates, speech-recognition dictation, trial screening logs, a
#: database export, OSCE vignettes, patients' questionnaires and timelines): 92.7% before its fixes.
PASSAGES_13 = Path(__file__).with_name("independent_passages_13.jsonl")
#: A nineteenth, 64 more (round 19: ward-round shorthand, MDT minutes naming another patient, case-report abstracts with
#: numbered results, discharge summaries, forum posts, second opinions, a trainee's made-up exam question, weights
#: corrected in an addendum or said to be wrong): 92.0% before its fixes.
PASSAGES_14 = Path(__file__).with_name("independent_passages_14.jsonl")
#: A twentieth, 64 more (round 20: Irish GP referrals, US progress notes with A/P, bullet handovers, two doctors' chat
#: pasted in, CbD write-ups, clinic letters copied to the patient, appeal letters, forum posts, text-speak): 92.5%.
PASSAGES_15 = Path(__file__).with_name("independent_passages_15.jsonl")
#: A twenty-first, 64 more (round 21: Australian GP letters, MDT lists, EHR structured templates, discharge summaries,
#: SLT and physiotherapy reviews, melanoma and cardiology clinics, case reports, pharmacist queries): 94.5%.
PASSAGES_16 = Path(__file__).with_name("independent_passages_16.jsonl")
#: A twenty-second, 64 more (round 22: dictation with recognition errors, ROS lists, MDT and tumour-board minutes,
#: pharmacy notes, ED and 111 notes, paediatric letters, prior-authorisation letters, portal messages): 93.75%.
PASSAGES_17 = Path(__file__).with_name("independent_passages_17.jsonl")
#: A twenty-third, 64 more (round 23: structured clinic reviews, problem lists, telephone encounters, e-mails between
#: colleagues, rehab and children's discharge letters, cardiology referrals): 95.0% at first sight.
PASSAGES_18 = Path(__file__).with_name("independent_passages_18.jsonl")
#: A twenty-fourth, 64 more (round 24: discharge summaries, SBAR handovers, EPR templates, relatives' e-mails, case
#: reports): 96.9% at first sight.
PASSAGES_19 = Path(__file__).with_name("independent_passages_19.jsonl")
#: A twenty-fifth, 64 more (round 25: discharge summaries, nursing and ICU handovers, EHR templates with dashes, case
#: reports and series, relatives' e-mails, MDT summaries): 93.4% at first sight.
PASSAGES_20 = Path(__file__).with_name("independent_passages_20.jsonl")
#: A twenty-sixth, 64 more (round 26: MDT lists, clinic lists by title and initial, ward nursing notes, dictation with
#: spoken punctuation, telephone triage, case reports): 96.1% at first sight.
PASSAGES_21 = Path(__file__).with_name("independent_passages_21.jsonl")
#: A twenty-seventh, 64 more (round 27: pharmacy and infusion notes, HDU handovers for one bed, registry extracts, a
#: teaching handout with no patient, dictation with spoken dates): 93.75% at first sight, not yet fixed by class.
PASSAGES_22 = Path(__file__).with_name("independent_passages_22.jsonl")
#: A twenty-eighth, 64 more (round 28: MDT minutes with one case in detail and others in a line, ward handovers with
#: "other patients", literature discussions in case reports, results tables with dot leaders, relatives' e-mails):
#: 92.3% at first sight.
PASSAGES_23 = Path(__file__).with_name("independent_passages_23.jsonl")
#: A twenty-ninth, 64 more (round 29: problem lists, SBAR handovers, OT and physio notes, pharmacy notes, registry forms
#: with empty fields, a patient portal message): 93.4% at first sight.
PASSAGES_24 = Path(__file__).with_name("independent_passages_24.jsonl")
#: A thirtieth, 64 more (round 30: discharge summaries, MDT minutes, respiratory and cardiology letters, evening
#: handovers, physiotherapy notes, relapse timelines): 95.16% at first sight.
PASSAGES_25 = Path(__file__).with_name("independent_passages_25.jsonl")
#: A thirty-first, 64 more (round 31: Australian, Irish, Canadian, US and Indian letters, MDT minutes, infusion-unit
#: notes, a pharmacy query, a patient portal message, oncology and CCU notes): 94.84% at first sight.
PASSAGES_26 = Path(__file__).with_name("independent_passages_26.jsonl")
#: A thirty-second, 64 more (round 32: letters, MDT minutes, handovers, swallow-study and lab reports, forms, an exam
#: question, a forum post, relatives' messages from eleven countries): 96.25% at first sight.
PASSAGES_27 = Path(__file__).with_name("independent_passages_27.jsonl")
#: A thirty-third, 64 more (round 33: clinic letters, discharge summaries, MDT minutes, handovers, nursing and pharmacy
#: notes, registry and audit forms, a translated German letter, decoys: a relative's cancer, resolved findings): 96.72%
#: at first sight.
PASSAGES_28 = Path(__file__).with_name("independent_passages_28.jsonl")
#: A thirty-fourth, 64 more (round 34: letters, case reports, discharge summaries, MDT minutes, handovers, notes,
#: e-mails and forms from fourteen countries; seven juvenile, eight after a checkpoint inhibitor): 97.81% at first
#: sight.
PASSAGES_29 = Path(__file__).with_name("independent_passages_29.jsonl")
#: A thirty-fifth, 64 more (round 35: letters, discharge summaries, MDT minutes, triage and ED notes, an insurance
#: letter, a registry form, a forum post, patients' and relatives' e-mails; sixteen countries): 95.78% at first sight.
PASSAGES_30 = Path(__file__).with_name("independent_passages_30.jsonl")
#: A thirty-sixth, 64 more (round 36: letters, ED notes, handovers, MDT minutes, case reports, forms, e-mails and forum
#: posts from about twenty countries; five juvenile): 95.00% at first sight.
PASSAGES_31 = Path(__file__).with_name("independent_passages_31.jsonl")
#: A thirty-seventh, 64 more (round 37: letters, handovers, ED and ICU notes, a registry form, a pharmacy request,
#: patients' and relatives' messages from fourteen countries): 92.97% at first sight.
PASSAGES_32 = Path(__file__).with_name("independent_passages_32.jsonl")
#: A thirty-eighth, 64 more (round 38: letters from thirteen countries and translations, SBAR and nursing handovers, ED
#: and ICU notes, a referral proforma, an IVIG funding form, patients' and relatives' messages): 97.03% at first sight.
PASSAGES_33 = Path(__file__).with_name("independent_passages_33.jsonl")
#: Round 39 (seventeenth session): 64 more; 94.84% per slot at first sight on f902041 (severity 73.4%).
PASSAGES_34 = Path(__file__).with_name("independent_passages_34.jsonl")
#: Round 40 (eighteenth session): 64 more; 95.94% per slot at first sight on 3815154 (severity 78.1%).
PASSAGES_35 = Path(__file__).with_name("independent_passages_35.jsonl")
#: Round 41 (nineteenth session): 64 more; 96.72% per slot at first sight on b640eb2 (severity 71.9%).
PASSAGES_36 = Path(__file__).with_name("independent_passages_36.jsonl")
#: Round 42 (twentieth session): 64 more; 96.25% per slot at first sight on 919d19e (severity 84.4%).
PASSAGES_37 = Path(__file__).with_name("independent_passages_37.jsonl")
#: Round 43 (twenty-first session): 64 more; 96.88% per slot at first sight on 3ab1656 (severity 89.1%).
PASSAGES_38 = Path(__file__).with_name("independent_passages_38.jsonl")
#: Round 44 (twenty-second session): 64 more; 97.81% per slot at first sight on b4d91fe (severity 92.2%).
PASSAGES_39 = Path(__file__).with_name("independent_passages_39.jsonl")
#: Round 45, 64 more (letters from about 20 countries, ED, ICU and out-of-hours notes, MDT minutes, case reports,
#: chat messages in non-native English): 96.25% per slot at first sight (3ce5a96; severity 90.6%).
PASSAGES_40 = Path(__file__).with_name("independent_passages_40.jsonl")
SLOTS = ("antibody", "weight_kg", "severity", "statin_exposure", "statin_status", "age_years",
         "age_band", "refractory", "ici_exposure", "red_flags")
#: Slots the labelled sets were written before (`treatments_tried`): not scored, checked by their own tests.
UNLABELLED = ("treatments_tried", "treatments_ruled_out")


def load(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _with_cardiac(flags: object) -> set[str]:
    found = set(flags or [])
    return found | {"cardiac"} if "myocarditis" in found else found


def same(slot: str, got: object, want: object) -> bool:
    if slot == "red_flags":
        # Myocarditis is cardiac involvement: the labelled sets list it alone (77 lines) or with "cardiac" (66), and
        # the engine reads the two alike (each rule that names one names both), so either labelling is the same fact.
        return _with_cardiac(got) == _with_cardiac(want)
    if slot == "refractory":
        # False and unset are one fact to the engine (PatientFacts.refractory is a bool). The sets label a
        # good response differently (round 6's passages: unset; round 7's: false); the bot leaves it unset,
        # so that "much better now" never cancels a refractory course told earlier.
        return bool(got) == bool(want)
    if isinstance(want, float | int) and not isinstance(want, bool) and isinstance(got, float | int):
        return abs(float(got) - float(want)) <= 0.15
    return got == want


def score(slots_for: Callable[[str], dict], path: Path = LABELS
          ) -> tuple[dict[str, float], list[tuple[str, str, object, object]]]:
    cases = load(path)
    correct = dict.fromkeys(SLOTS, 0)
    errors = []
    for case in cases:
        got = slots_for(case["text"])
        for slot in SLOTS:
            want = case["expected"].get(slot)
            if same(slot, got.get(slot), want):
                correct[slot] += 1
            else:
                errors.append((case["text"], slot, got.get(slot), want))
    return {slot: correct[slot] / len(cases) for slot in SLOTS}, errors


def rest_slots(url: str, token: str, rest_key: str | None = None) -> Callable[[str], dict]:
    """Slots over REST; the bearer token is made with `rest_key`, else IMNM_REST_JWT_KEY (or the key
    `make run` keeps)."""
    import requests

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the repository's scripts/
    from scripts.rest_token import bearer, key_from_environment

    key = rest_key or key_from_environment()

    def slots_for(text: str) -> dict:
        sender = f"score-{uuid.uuid4().hex[:10]}"
        requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                      headers=bearer(sender, key), timeout=30).raise_for_status()
        tracker = requests.get(f"{url}/conversations/{sender}/tracker", params={"token": token},
                               timeout=30)
        tracker.raise_for_status()
        return tracker.json()["slots"]

    return slots_for


def component_slots(text: str) -> dict:
    from imnm.language.extract import extract

    return extract(text).slots()


def report(accuracy: dict[str, float], errors: list, show_errors: bool, path: Path = LABELS) -> str:
    lines = [f"{len(load(path))} labelled messages ({path.name})"]
    lines += [f"  {slot:<16} {value:7.2%}" for slot, value in accuracy.items()]
    lines.append(f"  {'mean':<16} {sum(accuracy.values()) / len(accuracy):7.2%}")
    if show_errors:
        lines += [f"  MISS {slot}: got {got!r} want {want!r} <- {text}" for text, slot, got, want in errors]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005")
    parser.add_argument("--token", default="")
    parser.add_argument("--component", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--labels", type=Path, default=LABELS, help="another labelled set, same format")
    args = parser.parse_args()
    slots_for = component_slots if args.component else rest_slots(args.url, args.token)
    accuracy, errors = score(slots_for, args.labels)
    print(report(accuracy, errors, args.errors, args.labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
