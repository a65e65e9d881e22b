"""How close a question's wording is to each knowledge entry's own text.

The topic words (imnm/language/question_words.py) catch the words clinicians use for a topic; this
catches the rest: a question that uses the entries' own vocabulary in a form nobody listed ("MRI",
"relapses", "immunoglobulins"). Words are cut to rough stems ("monitoring" and "monitor" meet) by a
few suffix rules, with no stemmer or model to download; only stems that few entries use count."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from imnm.engine.knowledge import Entry, KnowledgeBase, derived
from imnm.language.question_words import TOPIC_WORDS


def entry_document(entry: Entry) -> str:
    """The words a reader would use about an entry: its texts, and the question words of its topics."""
    words = [word for topic in entry.topics for word in TOPIC_WORDS.get(topic, ())]
    parts = [entry.title, entry.statement_for(), entry.plain or "", entry.rationale or "",
             entry.drug or "", " ".join(entry.topics), " ".join(words)]
    return " ".join(part for part in parts if part)


#: Words every IMNM question and entry share: they say nothing about which entry is meant.
DOMAIN_WORDS = frozenset({"imnm", "nam", "necrotizing", "necrotising", "necrotic", "myopathy", "myopathies", "myositis",
                          "immune", "mediated", "autoimmune", "patient", "patients", "disease", "muscle", "muscles",
                          "treatment", "treat", "treated", "therapy", "pt", "pts", "sources", "source", "guideline",
                          "guidelines", "doctor", "doctors", "team", "care", "my", "mum", "dad", "husband", "wife",
                          # How a question hedges ("is it thought to do better in SRP?"), not what it is about.
                          "thought"})
STOP_WORDS = ENGLISH_STOP_WORDS | DOMAIN_WORDS
_SUFFIX = re.compile(r"(?:ations?|ing|ed|es|s|ly|al|ic|ical)$")


def word_stems(text: str) -> list[str]:
    """Lower-case word stems, endings cut ("relapses" and "relapse" meet), stop and domain words dropped."""
    stems = []
    for word in re.findall(r"[a-z0-9][a-z0-9-]*", text.lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        stem = _SUFFIX.sub("", word) if len(word) > 5 else word
        if len(stem) > 5 and stem.endswith("e"):  # "exercise" and "exercising" meet at "exercis"
            stem = stem[:-1]
        stems.append(stem)
    return stems


#: A stem found in at most this share of the entries tells them apart.
TELLING_SHARE = 0.08


class EntryIndex:
    """TF-IDF over the word stems of each entry's document; cosine similarity to a question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.ids = [entry.id for entry in kb.entries]
        self.vectorizer = TfidfVectorizer(analyzer=word_stems, sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([entry_document(entry) for entry in kb.entries])
        counts = (self.matrix > 0).sum(axis=0).A1
        vocabulary = self.vectorizer.vocabulary_
        #: Stems in few entries say which entry is meant; "dose", "options", "common" are everywhere.
        self.telling = frozenset(stem for stem, column in vocabulary.items()
                                 if counts[column] <= max(2, TELLING_SHARE * len(self.ids)))

    def rare_words_uncovered(self, text: str, chosen: list[str]) -> list[str]:
        """Entries holding a word of the question that only one or two entries use ("MRI") and none of
        `chosen` does: what the question asks about that the topics missed."""
        column_of = self.vectorizer.vocabulary_
        added: list[str] = []
        for stem in dict.fromkeys(word_stems(text)):
            column = column_of.get(stem)
            if column is None or stem not in self.telling:
                continue
            holders = [self.ids[row] for row in self.matrix[:, column].nonzero()[0]]
            if len(holders) <= 2 and not set(holders) & {*chosen, *added}:
                added.append(holders[0])
        return added

    def similarities(self, text: str, every_word: bool = False) -> dict[str, float]:
        """`every_word`: count common stems too, for choosing among a few entries already picked by kind
        (those stating a proportion), where "agents" or "relapse" is what tells them apart."""
        stems = [stem for stem in word_stems(text) if every_word or stem in self.telling]
        if not stems:
            return dict.fromkeys(self.ids, 0.0)
        query = self.vectorizer.transform([" ".join(stems)])
        scores = (self.matrix @ query.T).toarray().ravel()
        return dict(zip(self.ids, (float(score) for score in scores), strict=True))


def entry_index(kb: KnowledgeBase) -> EntryIndex:
    """One index per knowledge base, built on first use."""
    return derived(kb, "entry index", lambda: EntryIndex(kb))


def similarities(text: str, kb: KnowledgeBase, every_word: bool = False) -> dict[str, float]:
    """Entry id -> cosine similarity (0-1) of the question to the entry's words."""
    return entry_index(kb).similarities(text, every_word)
