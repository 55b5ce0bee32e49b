"""Write one applicant's folder: every planned file and its truth.json."""

from __future__ import annotations

import shutil
from pathlib import Path

from .applicant import ApplicantPlan
from .forms import render_file
from .printing import Printer
from .record import applicant_truth
from .truth import write_truth


def render(p: ApplicantPlan, out_dir: Path) -> Path:
    """Write the applicant's folder under out_dir (replacing an old one); return it."""
    folder = out_dir / p.spec.applicant
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    printer = Printer(p)
    for fp in p.files:
        (folder / fp.name).write_bytes(render_file(printer, fp))
    write_truth(folder, applicant_truth(p))
    return folder
