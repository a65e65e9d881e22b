"""Record the knowledge base's version and content hash after a reviewed change (bump the version first)."""

from __future__ import annotations

import hashlib

from imnm.engine.knowledge import KNOWLEDGE_DIR, load_knowledge


def main() -> None:
    content = (KNOWLEDGE_DIR / "entries.yml").read_bytes() + (KNOWLEDGE_DIR / "references.yml").read_bytes()
    version = load_knowledge().version
    (KNOWLEDGE_DIR / "fingerprint.txt").write_text(f"{version} {hashlib.sha256(content).hexdigest()}\n")
    print(f"knowledge base {version} recorded")


if __name__ == "__main__":
    main()
