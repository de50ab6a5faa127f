"""Write a programme file N times the demo's size (and load it into a database when asked).

Usage: python benchmarks/generate_programme.py N OUT.json [--event-scale K] [--db PATH.db]
Copy 0 is the demo; copies 1..N-1 repeat it under new keys, codes and e-mails. `--event-scale K`
gives the demo's own events the attendees of K copies (default: 1, ordinary events).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from iurc_desktop.core.programme.scaled import scaled_programme


def write_programme(times: int, out: Path, *, event_scale: int = 1) -> Path:
    """Write the scaled programme file to `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(scaled_programme(times, event_scale=event_scale), ensure_ascii=False), encoding="utf-8")
    return out


def load_into(programme: Path, db: Path) -> None:
    """Load `programme` into a new database at `db` with the app's own `load` command."""
    db.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "iurc_desktop", "--db", str(db), "load", str(programme)],
                   check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("times", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--event-scale", type=int, default=1)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    write_programme(args.times, args.out, event_scale=args.event_scale)
    if args.db:
        load_into(args.out, args.db)


if __name__ == "__main__":
    main()
