"""Train the Rasa model only when its inputs changed (fingerprint of data, config, domain, extractor)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "imnm.tar.gz"
FINGERPRINT = ROOT / "models" / "imnm.fingerprint"
INPUTS = ("config.yml", "domain.yml", "data", "nlu_components", "policies", "imnm/language/extract")


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def main() -> int:
    wanted = fingerprint()
    if MODEL.exists() and FINGERPRINT.exists() and FINGERPRINT.read_text().strip() == wanted:
        return 0
    print("train: model missing or stale; training (about 15 s)", flush=True)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}
    rasa = Path(sys.executable).with_name("rasa")
    result = subprocess.run(
        [str(rasa), "train", "--fixed-model-name", "imnm", "--out", "models", "--quiet"],
        cwd=ROOT, env=env, check=False,
    )
    if result.returncode != 0:
        print("train: rasa train failed; see the output above", file=sys.stderr)
        return result.returncode
    FINGERPRINT.write_text(wanted + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
