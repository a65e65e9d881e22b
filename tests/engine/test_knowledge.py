"""The knowledge base is valid data: every entry cited, every citation known, caveats carried."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from imnm import build_facts, default_knowledge, load_knowledge, recommend
from imnm.engine.knowledge import KNOWLEDGE_DIR
from imnm.render import render

KB = default_knowledge()


@pytest.mark.parametrize("entry", KB.entries, ids=lambda e: e.id)
def test_entry_has_citations_known_references_and_evidence(entry):
    assert entry.citations
    assert set(entry.citations) <= KB.reference_ids
    assert entry.evidence.value in {"primary", "summary-only", "disputed"}


def test_a_citation_to_an_unknown_reference_is_refused(tmp_path: Path):
    entries = yaml.safe_load((KNOWLEDGE_DIR / "entries.yml").read_text())
    entries["entries"][0]["citations"] = ["smith1999"]
    (tmp_path / "entries.yml").write_text(yaml.safe_dump(entries))
    (tmp_path / "references.yml").write_text((KNOWLEDGE_DIR / "references.yml").read_text())
    with pytest.raises(ValidationError, match="unknown references"):
        load_knowledge(tmp_path)


def test_an_entry_without_evidence_status_is_refused(tmp_path: Path):
    entries = yaml.safe_load((KNOWLEDGE_DIR / "entries.yml").read_text())
    del entries["entries"][0]["evidence"]
    (tmp_path / "entries.yml").write_text(yaml.safe_dump(entries))
    (tmp_path / "references.yml").write_text((KNOWLEDGE_DIR / "references.yml").read_text())
    with pytest.raises(ValidationError):
        load_knowledge(tmp_path)


def test_coverage_table_names_only_existing_entries():
    table = (Path(__file__).parents[2] / "docs" / "knowledge-coverage.md").read_text()
    ids = {entry.id for entry in KB.entries} | {gap.id for gap in KB.gaps}
    named = {word.strip("`") for word in table.split() if word.startswith("`") and "." in word}
    assert named, "coverage table names no entries"
    assert named <= ids, f"coverage table names unknown entries: {sorted(named - ids)}"
    assert {gap.id for gap in KB.gaps} <= named, "every gap is listed in the coverage document"


@pytest.mark.parametrize("audience", ["clinician", "trainee"])
def test_non_primary_caveats_appear_in_professional_renderings(audience):
    rec = recommend(build_facts(antibody="SRP", severity="severe", weight_kg=70, statin="never",
                                refractory=True, audience=audience))
    text = render(rec)
    for item in rec.items:
        if item.caveat:
            assert item.caveat in text, item.entry_id


def test_knowledge_base_is_versioned():
    assert KB.version.startswith("kb-")


def test_knowledge_changes_bump_the_version():
    """Stale-knowledge control: the version printed in every reply changes whenever the data does."""
    import hashlib

    content = (KNOWLEDGE_DIR / "entries.yml").read_bytes() + (KNOWLEDGE_DIR / "references.yml").read_bytes()
    version, digest = (KNOWLEDGE_DIR / "fingerprint.txt").read_text().split()
    assert digest == hashlib.sha256(content).hexdigest(), (
        "the knowledge files changed: bump `version` in entries.yml and update fingerprint.txt "
        "(scripts/knowledge_fingerprint.py)"
    )
    assert version == KB.version


def test_no_entry_speaks_to_a_topic_listed_as_a_gap():
    """A gap says the sources are silent; an entry saying something about it would contradict that."""
    from imnm.dialogue.questions import gaps_in

    kb = load_knowledge()
    assert len(kb.gaps) >= 10
    for entry in kb.entries:
        clinical_text = " ".join([entry.title, entry.statement, entry.rationale, entry.caveat or ""])
        # Sentences saying the sources are silent on it agree with the gap.
        speaking = ". ".join(part for part in clinical_text.split(". ")
                             if "silent" not in part and "do not address" not in part)
        assert gaps_in(speaking, kb) == [], entry.id
