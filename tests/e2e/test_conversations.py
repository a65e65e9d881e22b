"""Whole conversations written by a separate author who never saw the bot, played over REST.

`conversations.jsonl`: 40 conversations of 2-6 turns (facts given piecemeal, corrections, a new
patient, follow-ups after a plan, children, checkpoint inhibitors, refractory disease, red flags,
impossible values, audiences). After the last turn the tracker's slots must hold the expected
values, and the last reply must contain the expected words and none of the forbidden ones.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "nlu"))
from score import same  # noqa: E402

pytestmark = pytest.mark.e2e
#: `conversations_2.jsonl`: 64 more by another author who never saw the bot, about the thread of a
#: conversation (follow-ups that say "that", the course of the disease, general questions amid a
#: patient's facts, patients and relatives, corrections, "not sure").
#: `conversations_3.jsonl` (round 7): 64 more by another author (follow-ups, the course over several turns,
#: general questions, patients and relatives, corrections).
CONVERSATIONS = [Path(__file__).with_name(name)
                 for name in ("conversations.jsonl", "conversations_2.jsonl", "conversations_3.jsonl",
                              "conversations_4.jsonl", "conversations_5.jsonl", "conversations_6.jsonl",
                              "conversations_7.jsonl", "conversations_8.jsonl", "conversations_9.jsonl",
                              "conversations_10.jsonl", "conversations_11.jsonl",
                              "conversations_12.jsonl", "conversations_13.jsonl", "conversations_14.jsonl",
                              "conversations_15.jsonl", "conversations_16.jsonl", "conversations_17.jsonl",
                              "conversations_18.jsonl", "conversations_19.jsonl",
                              "conversations_20.jsonl", "conversations_21.jsonl", "conversations_22.jsonl",
                              "conversations_23.jsonl", "conversations_24.jsonl", "conversations_25.jsonl",
                              "conversations_26.jsonl", "conversations_27.jsonl",
                              "conversations_28.jsonl", "conversations_29.jsonl", "conversations_30.jsonl",
                              "conversations_31.jsonl", "conversations_32.jsonl", "conversations_33.jsonl",
                              "conversations_34.jsonl", "conversations_35.jsonl",
                              "conversations_36.jsonl", "conversations_37.jsonl", "conversations_38.jsonl",
                              "conversations_39.jsonl", "conversations_40.jsonl", "conversations_41.jsonl")]
REQUIRED_SHARE = 0.8
#: conversations_2 scored 22/64 at first sight (2026-12-01, before any fix) and 42/64 after this round's
#: dialogue changes; the bar guards against regression until the rest is fixed (see the closing note).
#: conversations_3 scored 29/64 at first sight (round 7, before any fix); see the README for after.
#: conversations_4 (round 8) scored 32/64 at first sight (ae895b6) and 46/64 after the round's changes.
#: conversations_5 (round 9) scored 37/64 at first sight (9faba17) and 55/64 after the round's changes.
#: conversations_6 (round 10) scored 39/64 at first sight (9fe347a) and 58/64 after the round's changes.
#: conversations_7 (round 11, US and UK notes, dictated and non-native writers) scored 34/64 at first sight (b7e8d98)
#: and 58/64 after the round's changes.
#: conversations_8 (round 12: phone-typing consultants, infusion nurses, oncologists, GPs, ICU, students, physios,
#: parents, relatives, patients with little English) scored 38/64 at first sight (b5ea6ac), 60/64 after.
#: conversations_9 (round 13: SBAR and dictated messages, US and Australian clinicians, helpline nurses, palliative
#: care, teenagers, grandparents, translation apps) scored 36/64 at first sight (6067dd1), 52/64 after.
#: conversations_10 (round 14: discharge summaries, MDT minutes, referral e-mails, writers from India, Nigeria, the
#: Philippines and Germany, forum and group-chat patients, carers) scored 52/64 at first sight (be7acf4).
#: conversations_11 (round 15: telehealth transcripts, nurse phone follow-ups, coding summaries, registrars' chat,
#: prior-authorisation letters, second opinions from abroad, school nurses, deaf patients texting) scored 47/64 at
#: first sight (96e828c).
#: conversations_12 (round 16: ambulance, out-of-hours and care-home notes, bilingual and emotional writers, diaries)
#: scored 47/64 at first sight (ce26dec).
#: conversations_13 (round 17: SBAR, pharmacists, night registrars texting, terse consultants, GPs dictating,
#: physiotherapists, research nurses, carers, forum posts) scored 49/64 at first sight (13ba12a), 60/64 after.
#: conversations_14 (round 18: speech-recognition dictation, EHR tick-box templates, trial screeners, OSCE students,
#: a nurse patient, writers whose first language is Chinese, Arabic or Portuguese) scored 44/64 at first sight
#: (d03f4b6).
#: conversations_15 (round 19: registrars on phones, a Polish and a Brazilian writer, relatives, a 19-year-old,
#: pharmacists, hospitalists, GPs, trainees) scored 43/64 at first sight (5309714), 59/64 after.
#: conversations_16 (round 20: Irish GPs, US progress notes, two doctors' chat, CbD write-ups, text-speak teenagers)
#: scored 37/64 at first sight (571de0f), 58/64 after.
#: conversations_17 (round 21: terse chat-style courses, pharmacists, oncologists, ICU, GPs, teenagers, relatives)
#: scored 55/64 at first sight (d742b1e, after the course read from the patient's state).
#: conversations_18 (round 22: Indian and Australian registrars, oncologists, grandparents, parents, patients with
#: typos, ICU) scored 48/64 at first sight (e3a26be; patients and relatives 3/9).
#: conversations_20 (round 24: Slack shorthand, relatives, course told over several turns) scored 53/64 (82.8%) at
#: first sight (36344a8), the highest first sight of any round.
#: conversations_19 (round 23: trainees, registrars, relatives with typos, corrections, course summaries) scored 44/64
#: at first sight (81aa33a; course 11/16, patients and relatives 4/9), 62/64 after.
#: conversations_21 (round 25: registrars, relatives writing for a parent, ICU and oncology courses, corrections)
#: scored 47/64 (73.4%) at first sight (9189d4f; follow-ups 11/16, course 11/16, patients and relatives 4/9).
#: conversations_22 (round 26: paediatric and ICU courses, oncology referrals, dictation, a clinic list, relatives and
#: patients) scored 49/64 (76.6%) at first sight (00f41d6; follow-ups 10/16, course 11/16), 63/64 after.
#: conversations_23 (round 27, scored on 7bf49f8 after round 26's fixes) scored 44/64 (68.75%) at first sight, 48/64
#: after the classes it showed first (a drug restarted is no conversation restarted, a ward sister, "my 9 yo son",
#: "the second dose"), 54/64 after the tenth session's (a course told by what was done, a supposed fact, "that one").
#: conversations_24 (round 28: an oncology colleague's ICI case, paediatric courses, telephone calls from relatives,
#: dictation, corrections of an ICI's timing) scored 50/64 (78.1%) at first sight (1946e28; follow-ups 13/16, course
#: 10/16), 58-59/64 after.
#: conversations_25 (round 29, scored on cf33030 after round 28's fixes: ICU and paediatric courses, pasted timelines,
#: pharmacy, unit corrections) scored 49/64 (76.6%) at first sight (follow-ups 13/16, course 9/16), 55/64 after.
#: conversations_26 (round 30, scored on 75feafd: registrars on the ward, relatives, paediatric and ICI courses, stated
#: doses asked about, results taken back as pending) scored 47/64 (73.4%) at first sight (follow-ups 10/16, course
#: 12/16, patients and relatives 4/9), 59/64 after.
#: conversations_27 (round 31, scored on 4b6fc74 after round 30's fixes: attendings in the US, Canada, Australia and
#: Ireland, pharmacists, infusion nurses, relatives on phones, courses by month and year) scored 48/64 (75.0%) at
#: first sight (follow-ups 9/16, course 12/16, patients and relatives 6/9), 57/64 after.
#: conversations_28 (round 32, scored on 4594795 after round 31's leftovers: hospitalists, infusion nurses, patients
#: and relatives, courses by month and year, corrections of units) scored 55/64 (85.9%) at first sight (follow-ups
#: 15/16, course 13/16, general 8/9, patients and relatives 6/9, corrections 6/7, other 7/7): the first round to
#: reach the 85% bar.
#: conversations_29 (round 33, scored on d6b7683 after round 32's fixes: on-call shorthand, relatives, corrections of
#: weight, antibody, age and statin) scored 46/64 (71.9%) at first sight (follow-ups 12/16, course 7/16, general 7/9,
#: patients and relatives 8/9, corrections 6/7, other 6/7): round 32's 85.9% did not hold.
#: conversations_30 (round 34, scored on 24d2f11 before this session's changes: follow-ups by pronoun and ordinal,
#: courses by month with CK trends, relatives, unit and antibody corrections) scored 56/64 (87.5%) at first sight
#: (follow-ups 16/16, course 13/16, general 9/9, patients and relatives 5/9, corrections 6/7, other 7/7).
#: conversations_31 (round 35, scored on e0f44da after round 34's fixes) scored 59/64 (92.2%) at first sight
#: (follow-ups 13/16, course 15/16, general 9/9, patients and relatives 8/9, corrections 7/7, other 7/7).
#: conversations_32 (round 36, scored on 6d0a39a after round 35's question classes) scored 57/64 (89.1%) at first sight
#: (follow-ups 15/16, course 13/16, general 9/9, patients and relatives 7/9, corrections 6/7, other 7/7).
#: conversations_33 (round 37, scored on b54f03f) scored 53/64 (82.8%) at first sight (follow-ups 15/16, course 13/16,
#: general 8/9, patients and relatives 6/9, corrections 5/7, other 6/7); 60/64 after its classes.
#: conversations_34 (round 38, scored on 16a7228) scored 58/64 (90.6%) at first sight (follow-ups 13/16, course 16/16,
#: general 9/9, patients and relatives 7/9, corrections 6/7, other 7/7).
#: conversations_35 (round 39, scored on f902041) scored 51/64 (79.7%) at first sight (follow-ups 13/16, course 11/16,
#: general 9/9, patients and relatives 5/9, corrections 6/7, other 7/7).
#: conversations_36 (round 40, scored on 3815154) scored 49/64 (76.6%) at first sight (follow-ups 10/16, course 13/16,
#: general 9/9, patients and relatives 6/9, corrections 5/7, other 6/7); 63/64 after its classes.
#: conversations_37 (round 41, scored on b640eb2) scored 42/64 (65.6%) at first sight (follow-ups 10/16, course 9/16,
#: general 8/9, patients and relatives 5/9, corrections 6/7, other 4/7); 59/64 after its classes.
#: conversations_38 (round 42, scored on 919d19e) scored 46/64 (71.9%) at first sight (follow-ups 13/16, course 10/16,
#: general 9/9, patients and relatives 6/9, corrections 3/7, other 5/7).
#: conversations_39 (round 43, scored on 3ab1656) scored 50/64 (78.1%) at first sight (follow-ups 14/16, course 12/16,
#: general 7/9, patients and relatives 6/9, corrections 6/7, other 5/7); 63/64 after its classes.
#: conversations_40 (round 44, scored on b4d91fe) scored 50/64 (78.1%) at first sight (follow-ups 13/16, course 13/16,
#: general 8/9, patients and relatives 6/9, corrections 6/7, other 4/7); 64/64 after its classes.
#: conversations_41 (round 45, scored on 3ce5a96) scored 52/64 (81.25%) at first sight (follow-ups 13/16, course 10/16,
#: general 9/9, patients and relatives 9/9, corrections 5/7, other 6/7).
REQUIRED = {"conversations_41": 0.9, "conversations_40": 0.9, "conversations_39": 0.9, "conversations_38": 0.9,
            "conversations_37": 0.9, "conversations_36": 0.93, "conversations_35": 0.9, "conversations_34": 0.88,
            "conversations_33": 0.88,
            "conversations_32": 0.88, "conversations_31": 0.88, "conversations_30": 0.85, "conversations_29": 0.8,
            "conversations_28": 0.9, "conversations_27": 0.85, "conversations_26": 0.88, "conversations_25": 0.8,
            "conversations_24": 0.85, "conversations_23": 0.8, "conversations_22": 0.9,
            "conversations_21": 0.88,
            "conversations_10": 0.92, "conversations_11": 0.92, "conversations_12": 0.85, "conversations_13": 0.92,
            "conversations_14": 0.9, "conversations_15": 0.88, "conversations_16": 0.85, "conversations_17": 0.85,
            "conversations_18": 0.8, "conversations_19": 0.9, "conversations_20": 0.88,
            "conversations_2": 0.7, "conversations_3": 0.8, "conversations_4": 0.75, "conversations_5": 0.8,
            "conversations_6": 0.85, "conversations_7": 0.8, "conversations_8": 0.85, "conversations_9": 0.78}


def check(servers, case: dict) -> list[str]:
    """What went wrong in one conversation (empty when it went right)."""
    sender = f"conv-{uuid.uuid4().hex[:10]}"
    reply = ""
    for text in case["turns"]:
        reply = servers.send(sender, text)
    slots = servers.tracker(sender)["slots"]
    problems = [f"slot {name}: {slots.get(name)!r}, expected {want!r}"
                for name, want in case["final_slots"].items() if not same(name, slots.get(name), want)]
    lowered = reply.lower()
    problems += [f"reply lacks {word!r}" for word in case["final_reply_must_mention"] if word.lower() not in lowered]
    problems += [f"reply has {word!r}" for word in case["final_reply_must_not_mention"] if word.lower() in lowered]
    return problems


@pytest.mark.parametrize("conversations", CONVERSATIONS, ids=lambda path: path.stem)
def test_whole_conversations_end_with_the_right_facts_and_reply(servers, conversations):
    cases = [json.loads(line) for line in conversations.read_text().splitlines() if line.strip()]
    failures = []
    for case in cases:
        problems = check(servers, case)
        if problems:
            failures.append(f"{case['id']} {case['turns'][-1]!r}: {'; '.join(problems)}")
    share = 1 - len(failures) / len(cases)
    print(f"\n{conversations.stem}: {len(cases) - len(failures)}/{len(cases)} right")
    print("\n".join(failures))
    assert share >= REQUIRED.get(conversations.stem, REQUIRED_SHARE), failures
