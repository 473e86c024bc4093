"""Real files for ingestion tests: generated PDFs and HTML pages with site chrome."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[str], title: str = "") -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


PAGE_WITH_CHROME = """<!doctype html>
<html><head><title>GPU nodes | Example HPC docs</title>
<link rel="canonical" href="https://docs.example.org/hardware/gpu/"></head>
<body>
<header><a href="/">Example HPC</a> <nav><a href="/a">Home</a> <a href="/b">Hardware</a></nav></header>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main>
<h1>GPU nodes</h1>
<p>Each GPU node has four accelerators and 512 GiB of memory.</p>
<h2>Partitions</h2>
<ul><li>The <code>gpu-small</code> partition allows up to 4 nodes per job.</li>
<li>The <code>gpu-dev</code> partition is for debugging, 3 hours at most.</li></ul>
</main>
<footer>Copyright Example HPC. Privacy policy. Contact.</footer>
</body></html>
"""
