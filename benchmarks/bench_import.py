"""GeoNames import benchmark: `frontline gazetteer import` of a generated allCountries-shaped file.

    python benchmarks/bench_import.py [--lines 3000000] [--zip] [--all]

The file has the real 19-column layout, made-up names with Latin and Cyrillic alternates, and
allCountries' mix of feature classes (about a third populated places or admin areas) and
countries (a tenth in UA, RU, BY, MD). The import runs in a fresh process (without the index
rebuild, which `bench_gazetteer.py` measures); printed: wall time, the process's peak memory,
lines read and places kept, and one JSON line. Targets: < 2 minutes, < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' GeoNames file writer

from tests.gazetteer.geonames_files import write_all_countries  # noqa: E402

SNIPPET = (
    "import json, sys; from gazetteer import imports; "
    "done = imports.import_files(sys.argv[1:2], None if sys.argv[2] == 'all' else "
    "imports.DEFAULT_COUNTRIES); "
    "print(json.dumps({'lines': sum(s.lines for s in done), 'kept': sum(s.kept for s in done),"
    " 'malformed': sum(s.malformed for s in done)}))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=3_000_000)
    parser.add_argument("--zip", action="store_true", help="import allCountries.zip, not .txt")
    parser.add_argument("--all", action="store_true", help="keep every country's places")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        started = time.perf_counter()
        path = write_all_countries(folder / "allCountries.txt", args.lines)
        if args.zip:
            with zipfile.ZipFile(folder / "allCountries.zip", "w", zipfile.ZIP_DEFLATED) as z:
                z.write(path, "allCountries.txt")
            path.unlink()
            path = folder / "allCountries.zip"
        print(f"generated {path.name}: {args.lines:,} lines, {path.stat().st_size / 1e6:,.0f} MB"
              f" in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        env = dict(os.environ, FRONTLINE_DATA_DIR=str(folder / "data"))
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", SNIPPET, str(path),
                                 "all" if args.all else "theatre"],
                                env=env, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        counts = json.loads(result.stdout)
        table_mb = (folder / "data" / "geonames-import.sqlite").stat().st_size / 1e6
    print(f"import: {seconds:.1f} s (target < 120 s), peak memory {peak_mb:,.0f} MB "
          f"(target < 1024 MB); {counts['lines']:,} lines, {counts['kept']:,} places kept "
          f"({'every country' if args.all else 'UA, RU, BY, MD'}), table {table_mb:,.0f} MB")
    print(json.dumps({"lines": args.lines, "zip": args.zip, "all": args.all,
                      "seconds": round(seconds, 1), "peak_mb": round(peak_mb),
                      "table_mb": round(table_mb), **counts}))


if __name__ == "__main__":
    main()
