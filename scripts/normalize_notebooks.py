"""Give every notebook cell an nbformat 4.5 id and strip outputs (what `make strip-notebooks` runs)."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.validator import normalize


def main(paths: list[str]) -> int:
    for path in paths or sorted(str(p) for p in Path("notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.nbformat_minor = max(nb.nbformat_minor, 5)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        _, nb = normalize(nb)  # adds the missing ids
        nbformat.write(nbformat.from_dict(nb), path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
