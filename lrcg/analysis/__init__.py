"""Analysis: from per-sample outcomes (or the papers' printed numbers) to the tables, figures and views.

Where the numbers come from
  published.py  the numbers printed in the two papers (package data lrcg/data/paper_results/): data about
                the papers, read only to be tabulated, plotted and compared, so it sits with what reads it
  sources.py    what each notebook shows, from its profile's source: published.py's tables or a results store
What is computed
  passk.py      pass@k, the unbiased estimator (also what `lrcg evaluate` and `lrcg execute` print)
  stats.py      both papers' statistics: pass@1 tables, McNemar odds ratios, Benjamini-Hochberg, correlations
  failures.py   why samples fail: one failure category per non-passing sample
  explore.py    the per-sample results behind every table, as plain DataFrames (grid, problem, 2x2, gains)
  finetuning.py live fine-tuning: Table III's fine-tuned rows beside the published ones, and the transfer table
                (an adapter trained on one language vs the base model on every language, McNemar per cell)
What is written
  tables.py     the papers' tables as CSV, Markdown and LaTeX
  plots.py      the papers' figures as PNG and PDF (matplotlib, imported inside the functions)
  report.py     `lrcg report`: one self-contained HTML file of a results store
  widgets.py    the notebook explorer (ipywidgets) over explore.py
  html_views.py the HTML both share: a problem side by side (highlighted code), grid cells, McNemar tables

Nothing here generates or trains: importing this package loads neither torch nor transformers, nor matplotlib.
The re-exports come from passk.py and published.py only (what `lrcg evaluate`/`execute` and profile checks
import); the rest are imported as modules (`from lrcg.analysis import sources, stats, tables, plots`).
"""
from __future__ import annotations

from .passk import mean_pass_at_k, pass_at_k
from .published import load_published, published_tables, published_wide

__all__ = ["load_published", "mean_pass_at_k", "pass_at_k", "published_tables", "published_wide"]
